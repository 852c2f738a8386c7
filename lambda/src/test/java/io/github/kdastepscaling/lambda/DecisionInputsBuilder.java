package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The decision tables' {@link DecisionInputs}: what a decision sees with nothing asked, nothing stored, the rescale
 * record unread, nothing suspended, the configured rates, learning off and the target's range unknown, changed
 * input by input. An input added later gets its default here and leaves every case as it is.
 */
final class DecisionInputsBuilder {
    private final ScalerConfiguration configuration;
    private final ApplicationState seen;
    private OptionalInt asked = OptionalInt.empty();
    private OptionalInt stored = OptionalInt.empty();
    private RescaleRecord lastRescale = RescaleRecord.NOT_READ;
    private ScalingSuspension suspension = ScalingSuspension.NONE;
    private ScalingThresholds thresholdRates;
    private RateInputs rate;
    private Optional<CapacityRange> targetRange = Optional.empty();

    private DecisionInputsBuilder(ScalerConfiguration configuration, ApplicationState seen) {
        this.configuration = configuration;
        this.seen = seen;
        this.thresholdRates = configuration.thresholds();
    }

    static DecisionInputsBuilder seeing(ScalerConfiguration configuration, ApplicationState seen) {
        return new DecisionInputsBuilder(configuration, seen);
    }

    DecisionInputsBuilder withAsked(OptionalInt capacity) {
        asked = capacity;
        return this;
    }

    DecisionInputsBuilder withStored(OptionalInt capacity) {
        stored = capacity;
        return this;
    }

    DecisionInputsBuilder withLastRescale(RescaleRecord record) {
        lastRescale = record;
        return this;
    }

    DecisionInputsBuilder withSuspension(ScalingSuspension state) {
        suspension = state;
        return this;
    }

    DecisionInputsBuilder withThresholdRates(ScalingThresholds rates) {
        thresholdRates = rates;
        return this;
    }

    DecisionInputsBuilder withRate(RateInputs inputs) {
        rate = inputs;
        return this;
    }

    DecisionInputsBuilder withTargetRange(Optional<CapacityRange> range) {
        targetRange = range;
        return this;
    }

    DecisionInputs build() {
        return new DecisionInputs(
                configuration, seen, asked, stored, lastRescale, suspension, thresholdRates, rate, targetRange);
    }
}
