package io.github.kdastepscaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.HIPAASecurityChecks;
import io.github.cdklabs.cdknag.NIST80053R5Checks;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/**
 * The example stack under each cdk-nag pack regulated teams run: no unsuppressed error or warning, as the stack is
 * synthesized (the construct's own suppression metadata included, the example's few suppressions of its own choices
 * applied).
 */
class CompliancePacksTest {

    static Stream<Arguments> packs() {
        return Stream.of(
                Arguments.of("AwsSolutions", (Supplier<IAspect>) AwsSolutionsChecks::new),
                Arguments.of("NIST.800.53.R5", (Supplier<IAspect>) NIST80053R5Checks::new),
                Arguments.of("HIPAA.Security", (Supplier<IAspect>) HIPAASecurityChecks::new),
                Arguments.of("PCI.DSS.321", (Supplier<IAspect>) PCIDSS321Checks::new),
                Arguments.of("Serverless", (Supplier<IAspect>) ServerlessChecks::new));
    }

    // Annotations.find* still return cxapi.SynthesisMessage, deprecated in aws-cdk-lib with no replacement type in
    // the Java assertions API yet.
    @SuppressWarnings("deprecation")
    @ParameterizedTest(name = "{0}")
    @MethodSource("packs")
    void theExampleStackHasNoUnsuppressedFinding(String pack, Supplier<IAspect> checks) {
        App app = new App();
        ExampleStack stack = new ExampleStack(
                app, ExampleStack.STACK_NAME, StackProps.builder().build());
        Aspects.of(app).add(checks.get());
        app.synth();

        Annotations annotations = Annotations.fromStack(stack);
        List<String> found = Stream.concat(
                        annotations.findError("*", Match.stringLikeRegexp(pack.replace(".", "\\.") + "-.*")).stream(),
                        annotations.findWarning("*", Match.stringLikeRegexp(pack.replace(".", "\\.") + "-.*")).stream())
                .map(m -> m.getId() + ": " + m.getEntry().getData().toString().split("\n")[0])
                .sorted()
                .collect(Collectors.toList());
        assertEquals(List.of(), found, pack + " findings:\n" + String.join("\n", found));
    }
}
