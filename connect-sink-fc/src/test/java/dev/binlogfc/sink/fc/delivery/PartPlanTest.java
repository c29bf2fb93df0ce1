package dev.binlogfc.sink.fc.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PartPlanTest {

    private final PartPlan parts = new PartPlan();

    @Test
    void bisectsAFailingBatchDownToOneRowAndThenCutsBatchesAsUsual() {
        assertThat(parts.nextRows()).isEmpty();
        parts.halve(7, true);
        assertThat(parts.nextRows()).hasValue(3);
        assertThat(parts.isolating()).isTrue();

        parts.halve(3, true);
        assertThat(parts.nextRows()).hasValue(1);
        parts.done(1);
        assertThat(parts.nextRows()).as("the other half of the failed part").hasValue(2);
        parts.done(2);
        assertThat(parts.nextRows()).as("the other half of the batch").hasValue(4);
        parts.done(4);
        assertThat(parts.nextRows()).isEqualTo(OptionalInt.empty());
        assertThat(parts.isolating()).isFalse();
    }

    @Test
    void triesAKnownFailingRowAloneAndTheRowsAfterItWithAFreshBudget() {
        parts.isolateFirst(5);

        assertThat(parts.nextRows()).hasValue(1);
        assertThat(parts.isolating()).isTrue();
        parts.done(1);
        assertThat(parts.nextRows()).hasValue(4);
        assertThat(parts.isolating()).isFalse();
    }

    @Test
    void resendsExactlyWhatAPartialAnswerLeftAndKeepsAPartialPartialWithinItsPart() {
        parts.resendRemaining(15);
        assertThat(parts.nextRows()).hasValue(15);
        assertThat(parts.isolating()).isFalse();

        parts.halve(15, true);
        parts.resendRemaining(4);
        assertThat(parts.nextRows()).hasValue(4);
        assertThat(parts.isolating()).isTrue();
        parts.done(4);
        assertThat(parts.nextRows()).hasValue(8);
    }

    @Test
    void aPartDeliveredOnlyInPartKeepsItsRest() {
        parts.halve(10, false);
        parts.done(2);

        assertThat(parts.nextRows()).hasValue(3);
    }
}
