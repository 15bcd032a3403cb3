package org.bdisuite.exporter.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FrequencyTest {

    @Test
    void dailyIsDueEveryDay() {
        assertThat(Frequency.daily().nextDueDates(LocalDate.of(2026, 2, 27), 3))
                .containsExactly(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 1));
    }

    @Test
    void weeklyIsDueOnItsDay() {
        Frequency monday = new Frequency(FrequencyType.WEEKLY, DayOfWeek.MONDAY, null);
        assertThat(monday.isDueOn(LocalDate.of(2026, 11, 30))).isTrue();
        assertThat(monday.isDueOn(LocalDate.of(2026, 12, 1))).isFalse();
        assertThat(monday.nextDueDates(LocalDate.of(2026, 11, 24), 2))
                .containsExactly(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 7));
    }

    @Test
    void monthlyPastAMonthsEndRunsOnItsLastDay() {
        Frequency on31 = new Frequency(FrequencyType.MONTHLY, null, 31);
        assertThat(on31.nextDueDates(LocalDate.of(2026, 1, 1), 4))
                .containsExactly(
                        LocalDate.of(2026, 1, 31),
                        LocalDate.of(2026, 2, 28),
                        LocalDate.of(2026, 3, 31),
                        LocalDate.of(2026, 4, 30));
        Frequency on29 = new Frequency(FrequencyType.MONTHLY, null, 29);
        assertThat(on29.isDueOn(LocalDate.of(2028, 2, 29))).isTrue();
        assertThat(on29.isDueOn(LocalDate.of(2028, 2, 28))).isFalse();
        assertThat(on29.isDueOn(LocalDate.of(2027, 2, 28))).isTrue();
        Frequency on1 = new Frequency(FrequencyType.MONTHLY, null, 1);
        assertThat(on1.isDueOn(LocalDate.of(2026, 3, 1))).isTrue();
        assertThat(on1.isDueOn(LocalDate.of(2026, 3, 2))).isFalse();
    }
}
