package org.bdisuite.exporter.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowWritersTest {

    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    @Test
    void csvQuotesPerRfc4180WithCrlfLineEnds() throws Exception {
        String csv = csv(true, new Object[] {"plain", "a,b", "say \"hi\"", "two\nlines", 42L, null});
        assertThat(csv).isEqualTo("h1,h2,h3,h4,h5,h6\r\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42,\r\n");
    }

    @Test
    void csvNeutralisesFormulasInTextButNotNumbers() throws Exception {
        String csv = csv(true, new Object[] {"=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", -5L, "a=b"});
        assertThat(csv.split("\r\n", 2)[1]).isEqualTo("'=1+2,'+SUM(A1),'-2+3,'@cmd,'\tx,\"'\rx\",-5,a=b\r\n");
    }

    @Test
    void csvNeutralisingCanBeTurnedOff() throws Exception {
        String csv = csv(false, new Object[] {"=1+2", "", "", "", "", "", "", ""});
        assertThat(csv.split("\r\n", 2)[1]).startsWith("=1+2,");
    }

    @Test
    void datesUseTheScheduleDateFormat() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out, true, UK);
        writer.header(List.of("d", "t", "n"));
        writer.row(
                new Object[] {LocalDate.of(2024, 7, 10), Instant.parse("2024-07-10T13:31:02Z"), new BigDecimal("1.50")
                });
        writer.finish();
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith("10/07/2024,2024-07-10T13:31:02Z,1.50\r\n");
    }

    @Test
    void jsonIsAnArrayOfObjectsKeyedByTheHeaderRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonRowWriter writer = new JsonRowWriter(out, UK);
        writer.header(List.of("name", "id", "ok", "when", "none"));
        writer.row(new Object[] {"Ross \"R\"", 1449L, true, LocalDate.of(2019, 6, 20), null});
        writer.row(new Object[] {"=x", 2L, false, LocalDate.of(2019, 6, 21), null});
        writer.finish();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "[{\"name\":\"Ross \\\"R\\\"\",\"id\":1449,\"ok\":true,\"when\":\"20/06/2019\",\"none\":null},"
                                + "{\"name\":\"=x\",\"id\":2,\"ok\":false,\"when\":\"21/06/2019\",\"none\":null}]");
    }

    private static String csv(boolean neutralise, Object[] row) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CsvRowWriter writer = new CsvRowWriter(out, neutralise, UK);
        List<String> header = new java.util.ArrayList<>();
        for (int i = 1; i <= row.length; i++) {
            header.add("h" + i);
        }
        writer.header(header);
        writer.row(row);
        writer.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
