package org.bdisuite.exporter.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.CopyColumn.Kind;
import org.bdisuite.runtime.csv.CopyCsvWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row path's writing: opencsv writes rows as PostgreSQL's COPY (FORMAT csv) does, and the byte filter turns them
 * into the exporter's RFC 4180 CSV (CRLF, formula neutralising of text cells, numbers as they are).
 */
class CopyCsvWriterTest {

    @TempDir
    Path directory;

    @Test
    void theFilterQuotesPerRfc4180WithCrlfLineEnds() throws Exception {
        String csv = csv(true, new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", "42", null});
        assertThat(csv).isEqualTo("h1,h2,h3,h4,h5,h6\r\nplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",42,\r\n");
    }

    @Test
    void anEmptyStringAndNullAreBothAnEmptyCellInTheFile() throws Exception {
        String csv = csv(true, new String[] {"", null, "x", "", "", "", "", ""});
        assertThat(csv.split("\r\n", 2)[1]).isEqualTo(",,x,,,,,\r\n");
    }

    @Test
    void theFilterNeutralisesFormulasInTextButNotNumbers() throws Exception {
        String csv = csv(true, new String[] {"=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "-5", "a=b"});
        assertThat(csv.split("\r\n", 2)[1]).isEqualTo("'=1+2,'+SUM(A1),'-2+3,'@cmd,'\tx,\"'\rx\",-5,a=b\r\n");
    }

    @Test
    void neutralisingCanBeTurnedOff() throws Exception {
        String csv = csv(false, new String[] {"=1+2", "", "", "", "", "", "", ""});
        assertThat(csv.split("\r\n", 2)[1]).startsWith("=1+2,");
    }

    /** One row through the writer and a CSV filter whose 7th column is an integer, the others text. */
    private String csv(boolean neutralise, String[] row) throws Exception {
        List<CopyColumn> columns = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= row.length; i++) {
            columns.add(new CopyColumn("h" + i, i == 7 || (row.length == 6 && i == 5) ? Kind.INTEGER : Kind.TEXT));
            header.add("h" + i);
        }
        CopyFilter filter = new CopyFilter.Csv("t", false, directory, "x", 100, columns, neutralise, "dd/MM/yyyy");
        CopyCsvWriter writer = new CopyCsvWriter(filter);
        writer.write(header.toArray(String[]::new));
        writer.write(row);
        writer.flush();
        return Files.readString(filter.finish().files().get(0).path(), StandardCharsets.UTF_8);
    }
}
