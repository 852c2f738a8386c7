package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.DefaultStackSynthesizer;
import software.amazon.awscdk.IStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;

/**
 * Who may call the scaling endpoint besides what IAM decides.
 *
 * <p>The endpoint always uses IAM (SigV4) authorization. {@code RegisterScalableTarget} checks that <em>its
 * caller</em> (with CloudFormation, the stack's execution role) may invoke {@code GET} and {@code PATCH} on the
 * endpoint, so a resource policy that denies that principal makes the first deploy fail. AWS's own templates for
 * custom-resource scaling deploy no resource policy at all; that is the default here.
 *
 * <ul>
 *   <li>{@link #iamAuthorization()} (default): no resource policy. Any principal of this account whose IAM policies
 *       allow {@code execute-api:Invoke} on the endpoint may call it, which can do no more than ask for a capacity
 *       from 1 to the KPU quota. The scaler's decision log names each caller.</li>
 *   <li>{@link #restrictedTo(List)} / {@link #restrictedToDeployRole()}: a resource policy that admits the Application
 *       Auto Scaling service-linked role and the principals named, and explicitly denies every other caller. Only
 *       safe when the principal that registers the scalable target is among them: deploying with another role (a
 *       pipeline's, an administrator's without the CDK bootstrap roles) then fails at {@code RegisterScalableTarget}.</li>
 * </ul>
 */
public final class EndpointAccess {

    private static final Pattern IAM_PRINCIPAL_ARN =
            Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:(role|user)/[\\w+=,.@/-]+");

    private final List<String> admittedPrincipalArns;
    private final boolean deployRole;

    private EndpointAccess(List<String> admittedPrincipalArns, boolean deployRole) {
        this.admittedPrincipalArns = admittedPrincipalArns;
        this.deployRole = deployRole;
    }

    /** IAM authorization only, no resource policy: what AWS's templates deploy. The default. */
    public static EndpointAccess iamAuthorization() {
        return new EndpointAccess(null, false);
    }

    /**
     * A resource policy that denies every caller but the service-linked role and the principals given.
     *
     * @param registeringPrincipalArns the IAM role or user ARNs (not assumed-role session ARNs) that call
     *     {@code RegisterScalableTarget}, normally the role CloudFormation deploys with; at least one
     * @throws IllegalArgumentException when the list is empty or an ARN is not an IAM role or user ARN
     */
    public static EndpointAccess restrictedTo(List<String> registeringPrincipalArns) {
        if (registeringPrincipalArns == null || registeringPrincipalArns.isEmpty()) {
            throw new IllegalArgumentException("endpointAccess: restrictedTo needs the ARN of the principal that "
                    + "registers the scalable target (the role CloudFormation deploys with), or the first deploy "
                    + "is denied");
        }
        for (String arn : registeringPrincipalArns) {
            if (arn == null
                    || (!Token.isUnresolved(arn)
                            && !IAM_PRINCIPAL_ARN.matcher(arn).matches())) {
                throw new IllegalArgumentException("endpointAccess: restrictedTo (" + arn + ") must be an IAM role or "
                        + "user ARN, e.g. arn:aws:iam::111122223333:role/deployer; the resource policy compares it "
                        + "with aws:PrincipalArn, which is never a session ARN");
            }
        }
        return new EndpointAccess(List.copyOf(registeringPrincipalArns), false);
    }

    /**
     * {@link #restrictedTo(List)} the CloudFormation execution role of the CDK bootstrap stack (the
     * {@code DefaultStackSynthesizer}'s {@code cloudFormationExecutionRole}), which is the principal that registers
     * the scalable target when the stack is deployed with {@code cdk deploy} and the default synthesizer.
     */
    public static EndpointAccess restrictedToDeployRole() {
        return new EndpointAccess(List.of(), true);
    }

    /** Whether the endpoint gets a resource policy. */
    boolean restricted() {
        return admittedPrincipalArns != null;
    }

    /**
     * The principals admitted besides the service-linked role.
     *
     * @throws IllegalArgumentException when the deploy role is asked for but the stack's synthesizer has none
     */
    List<String> admittedPrincipalArns(Stack stack) {
        List<String> admitted = new ArrayList<>(admittedPrincipalArns);
        if (deployRole) {
            IStackSynthesizer synthesizer = stack.getSynthesizer();
            if (!(synthesizer instanceof DefaultStackSynthesizer defaultSynthesizer)) {
                throw new IllegalArgumentException("endpointAccess: restrictedToDeployRole needs the stack's "
                        + "DefaultStackSynthesizer, which names the deploy role; the stack uses "
                        + synthesizer.getClass().getSimpleName() + ": use restrictedTo with the deploying role's ARN");
            }
            // The synthesizer's ARN keeps CloudFormation pseudo-parameter placeholders (${AWS::Partition}, and the
            // account and region in an environment-agnostic stack) that only the CDK CLI substitutes, in its own
            // deployment metadata; inside a resource property they must be references, or the ARN never matches.
            admitted.add(defaultSynthesizer
                    .getCloudFormationExecutionRoleArn()
                    .replace("${AWS::Partition}", Aws.PARTITION)
                    .replace("${AWS::AccountId}", Aws.ACCOUNT_ID)
                    .replace("${AWS::Region}", Aws.REGION));
        }
        return admitted;
    }
}
