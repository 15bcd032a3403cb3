package org.bdisuite.runtime.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bdisuite.test.Sql;
import org.bdisuite.test.TestDatabase;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/** opencsv writes rows as PostgreSQL's COPY (FORMAT csv) does, and COPY reads them back value for value. */
class CopyCsvWriterTest {

    private static final String[] AWKWARD = {
        "plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", "", null, "ü", "back\\slash", "=1+2"
    };

    @Test
    void writesRecordsAsCopyDoes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CopyCsvWriter csv = new CopyCsvWriter(out)) {
            csv.write(new String[] {"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx", "", null, "ü"});
            csv.write(new String[] {"\\."});
            csv.write(new String[] {"\\.", "x"});
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rx\",\"\",,ü\n\"\\.\"\n\\.,x\n");
    }

    @Test
    void aLineIsTheRecordWithoutItsLineEnd() {
        assertThat(CopyCsvWriter.line(new String[] {"a", "two\nlines", "", null}))
                .isEqualTo("a,\"two\nlines\",\"\",");
        assertThat(CopyCsvWriter.line(new String[] {"\\."})).isEqualTo("\"\\.\"");
    }

    /** The extractor stages lines with {@link CopyCsvWriter#line}; the importer's COPY must read the same values. */
    @Test
    void copyReadsTheLinesBackValueForValue() throws Exception {
        try (Connection connection = TestDatabase.createDatabase().connect();
                Statement sql = connection.createStatement()) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= AWKWARD.length; i++) {
                columns.add("c" + i + " text");
            }
            sql.execute("CREATE TABLE awkward (" + String.join(", ", columns) + ")");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copy.copyIn("COPY awkward FROM STDIN (FORMAT csv)", new StringReader(CopyCsvWriter.line(AWKWARD) + "\n"));
            copy.copyIn(
                    "COPY awkward (c1) FROM STDIN (FORMAT csv)",
                    new StringReader(CopyCsvWriter.line(new String[] {"\\."}) + "\n"));
            try (ResultSet rows = sql.executeQuery("SELECT * FROM awkward WHERE c2 IS NOT NULL")) {
                assertThat(rows.next()).isTrue();
                String[] back = new String[AWKWARD.length];
                for (int i = 0; i < back.length; i++) {
                    back[i] = rows.getString(i + 1);
                }
                assertThat(Arrays.asList(back)).containsExactly(AWKWARD);
            }
            assertThat(Sql.single(connection, "SELECT c1 FROM awkward WHERE c2 IS NULL"))
                    .isEqualTo("\\.");
        }
    }
}
