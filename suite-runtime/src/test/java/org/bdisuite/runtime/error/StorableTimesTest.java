package org.bdisuite.runtime.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class StorableTimesTest {

    @Test
    void timesFromTheYear1ToTheYear9999AreKept() {
        OffsetDateTime time = OffsetDateTime.parse("2026-11-22T10:15:30+01:00");
        assertThat(StorableTimes.require("from", time)).isSameAs(time);
        assertThat(StorableTimes.require("from", StorableTimes.EARLIEST)).isEqualTo(StorableTimes.EARLIEST);
        assertThat(StorableTimes.require("from", StorableTimes.LATEST)).isEqualTo(StorableTimes.LATEST);
        assertThat(StorableTimes.require("from", null)).isNull();
    }

    @Test
    void aTimeJavaReadsButPostgresCannotStoreIsA400NamingTheField() {
        for (OffsetDateTime tooFar : new OffsetDateTime[] {
            OffsetDateTime.parse("+999999999-12-31T23:59:59Z"),
            Instant.ofEpochMilli(Long.MAX_VALUE).atOffset(java.time.ZoneOffset.UTC),
            OffsetDateTime.parse("-4714-01-01T00:00:00Z"),
            // 9999-12-31T23:30 at -01:00 is 10000-01-01T00:30 in UTC
            OffsetDateTime.parse("9999-12-31T23:30:00-01:00")
        }) {
            assertThatThrownBy(() -> StorableTimes.require("time_from", tooFar))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("time_from")
                    .hasMessageContaining("between the years 1 and 9999");
        }
    }

    @Test
    void theParameterConvertersRefuseThemAsInvalidValues() {
        assertThatThrownBy(() -> StorableTimes.inRange(Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorableTimes.inRange(LocalDate.parse("+10000-01-01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StorableTimes.inRange(LocalDate.parse("9999-12-31"))).isEqualTo(LocalDate.parse("9999-12-31"));
    }
}
