package org.bdisuite.exporter.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.bdisuite.exporter.api.FileType;
import org.bdisuite.exporter.api.ScheduleConfiguration;
import org.bdisuite.exporter.common.ExporterConstants;
import org.bdisuite.exporter.datasource.CopyColumn;
import org.bdisuite.exporter.datasource.DataSourceException;
import org.bdisuite.exporter.datasource.ExportDataSource;
import org.bdisuite.exporter.datasource.SqlDataSource;
import org.bdisuite.exporter.datasource.persistence.CopyReader;
import org.bdisuite.exporter.datasource.persistence.RowStreamer;
import org.bdisuite.test.EmbeddedPostgresResource;
import org.bdisuite.test.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;

/**
 * The two ways rows reach the files write the same bytes: the COPY path of SQL data sources (PostgreSQL's COPY into
 * the byte filter) and the row path of the other data sources (a cursor's rows as PostgreSQL's text, written by
 * opencsv as COPY writes them, into the same filter). On a table with every column type and the values that are hard
 * to get right (NULL, empty, unicode, quotes, commas, newlines, backslashes, control characters, formula starts
 * = + - @ TAB CR, fractions, BC and five-digit years, tiny numerics, non-finite doubles, json / jsonb): CSV and JSON
 * of the two paths are equal byte for byte in every date format, whole and split; the JSON is what the former JDBC
 * path wrote with Jackson; the CSV is what the COPY path wrote before it moved the value formatting out of SQL (the
 * to_char select list, kept here as the reference).
 */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyExportTest {

    private static final Path WORK = Path.of("target/exporter-test/copy-export");
    private static final String ALL_TYPES = "SELECT * FROM copy_all_types ORDER BY id";

    @Inject
    DataSource dataSource;

    @Inject
    ExportFiles files;

    @Inject
    CopyExport copyExport;

    @Inject
    RowStreamer rows;

    private int runs;

    @BeforeAll
    void allTypes() throws Exception {
        StringBuilder controls = new StringBuilder("'ctl:'");
        for (int c = 1; c < 0x20; c++) {
            controls.append(" || chr(").append(c).append(")");
        }
        controls.append(" || chr(127) || '/' || E'\\u2028'");
        Sql.execute(
                dataSource,
                "CREATE TABLE copy_all_types (id INT PRIMARY KEY, t TEXT, vc VARCHAR(40),"
                        + " ch CHAR(5), sm SMALLINT, big BIGINT, num NUMERIC, price NUMERIC(12,2), dbl DOUBLE PRECISION,"
                        + " rl REAL, ok BOOLEAN, day DATE, at TIMESTAMPTZ, local TIMESTAMP, tm TIME, iv INTERVAL, u UUID,"
                        + " js JSON, jb JSONB, arr INT[], bin BYTEA, cash MONEY, \"Quoted \"\"Key\"\", ü\" TEXT)");
        String[] texts = {
            "plain",
            "",
            "=1+2",
            "+SUM(A1)",
            "-2+3",
            "@cmd",
            "\tx",
            "\rx",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "back\\slash \\\\ \\n",
            "Grüße — 日本語 😀",
            "'quoted'",
            " lead and trail ",
            "\"",
            "\"\"",
            ",",
            "\n"
        };
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert =
                        c.prepareStatement("INSERT INTO copy_all_types (id, t, vc, ch) VALUES" + " (?, ?, ?, ?)")) {
            int id = 100;
            for (String text : texts) {
                insert.setInt(1, id++);
                insert.setString(2, text);
                insert.setString(3, text.length() <= 40 ? text : null);
                insert.setString(4, text.length() <= 5 ? text : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Sql.execute(
                dataSource,
                "INSERT INTO copy_all_types VALUES"
                        + " (1, " + controls + ", 'v', 'ab', -32768, -9223372036854775808, 0.0000001, 1234567890.12,"
                        + " 0.1, 1.1, true, '2024-07-10', '2024-07-10 13:31:02+00', '2024-07-10 13:31:02', '10:00:00',"
                        + " '1 day 02:03:04', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, \"x\"]}', '{\"b\": null}',"
                        + " '{1,NULL,3}', '\\x00ff', '-12.50', 'k1'),"
                        + " (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (3, '', '', '', 0, 0, 0.00000000, 0, '-0', 0, false, '0044-03-15 BC', '0044-03-15 10:00:00.5+00 BC',"
                        + " '0001-01-01 00:00:00 BC', '23:59:59.999999', '-1 mons', '00000000-0000-0000-0000-000000000000',"
                        + " '\"s\"', '[]', '{}', '', '0', ''),"
                        + " (4, '-5', 'x', 'x', 32767, 9223372036854775807, -0.00000012300, -0.50, 'NaN', 'Infinity', false,"
                        + " '10000-01-01', '10000-01-01 00:00:00+00', '2024-01-01 00:00:00.123', '00:00:00', '0', NULL,"
                        + " 'null', '\"ü\"', '{{1,2},{3,4}}', '\\x5c22', '5', NULL),"
                        + " (5, '@', '+', '=', 1, 1, 123456789012345678901234567890.123456789, 0.05, '-Infinity',"
                        + " '-0.0000012', true, '0999-02-03', '2024-01-01 00:00:00.000001+00',"
                        + " '2024-01-01 00:00:00.120', '12:00:00', '1 year', NULL, '1e3', '1e3', NULL, NULL, '999.5', NULL),"
                        + " (6, 'x', 'y', 'z', 2, 2, 1e20, 9999999999.99, 1e20, 3.4e38, true, '2000-02-29',"
                        + " '1999-12-31 23:59:59.999+00', '1970-01-01 00:00:00', '01:02:03', '1 sec', NULL, '{}', '{}', NULL,"
                        + " NULL, NULL, NULL),"
                        + " (7, 'y', 'y', 'y', 3, 3, 1, 1, 5e-324, 1e-45, false, '2024-02-29', '2024-06-30 12:00:00.25+00',"
                        + " '2024-06-30 12:00:00.000250', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (8, 'z', 'z', 'z', 4, 4, 2.5, 2.50, 1.7976931348623157e308, 1e7, true, '1900-01-01',"
                        + " '1900-01-01 00:00:00+00', '2038-01-19 03:14:07.999999', NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL),"
                        + " (9, 'q', 'q', 'q', 5, 5, -0, 100, 100, 1234567, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL),"
                        + " (10, 'r', 'r', 'r', 6, 6, 1e-6, 0.01, 1234567.0, 12345678, false, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (11, 's', 's', 's', 7, 7, 0.0000009, 0.10, 0.001, 0.0001, false, NULL, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (12, 't', 't', 't', 8, 8, 0.000000, 0.00, 1e-5, 2.82879384806159e17, false, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                        + " (13, 'u', 'u', 'u', 9, 9, 10, 10, 123456789012345680000, 0.3333333, true, NULL, NULL, NULL, NULL,"
                        + " NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
        Sql.execute(
                dataSource,
                "INSERT INTO copy_all_types (id, dbl) SELECT 1000 + n, n / 3.0 + n * 1e-9"
                        + " FROM generate_series(1, 300) n");
        Sql.execute(
                dataSource,
                "CREATE TABLE copy_bulk AS SELECT n AS id, 'v' || n AS v, n % 2 = 0 AS even,"
                        + " timestamptz '2024-01-01 00:00:00+00' + n * interval '1.5 second' AS at, n / 7.0 AS ratio"
                        + " FROM generate_series(1, 100001) n");
        // SQL data sources run as suite_export_reader: it reads what an administrator granted it.
        Sql.execute(dataSource, "GRANT SELECT ON copy_all_types, copy_bulk TO suite_export_reader");
    }

    @Test
    void csvOfTheRowPathEqualsTheCopyPathByteForByteInEveryDateFormat() throws Exception {
        for (String dateFormat : ExporterConstants.DATE_FORMATS.keySet()) {
            SqlDataSource source = source("allTypes", ALL_TYPES);
            byte[] copy = single(files.generate(source, schedule(FileType.CSV, dateFormat, false), next(), "x"));
            byte[] rowPath =
                    single(files.generate(viaJdbc(source), schedule(FileType.CSV, dateFormat, false), next(), "x"));
            assertSameBytes(rowPath, copy, dateFormat);
        }
        String csv = new String(
                single(files.generate(
                        viaJdbc(source("allTypes", ALL_TYPES)), schedule(FileType.CSV, "UK", false), next(), "x")),
                StandardCharsets.UTF_8);
        assertThat(csv)
                .contains("\r\n101,,,")
                .contains("\r\n102,'=1+2,'=1+2,'=1+2 ,")
                .contains("\r\n103,'+SUM(A1),'+SUM(A1),,")
                .contains("\r\n104,'-2+3,'-2+3,'-2+3 ,")
                .contains("\r\n105,'@cmd,'@cmd,'@cmd ,")
                .contains("\r\n108,\"a,b\",\"a,b\",\"a,b  \",")
                .contains("\r\n109,\"say \"\"hi\"\"\",\"say \"\"hi\"\"\",,")
                .contains("\r\n110,\"two\nlines\",\"two\nlines\",,")
                .contains(",-32768,-9223372036854775808,0.0000001,1234567890.12,0.1,1.1,true,10/07/2024,"
                        + "2024-07-10T13:31:02Z,2024-07-10T13:31:02Z,10:00:00,1 day 02:03:04,")
                .contains(",\"{\"\"a\"\": [1, \"\"x\"\"]}\",\"{\"\"b\"\": null}\",")
                .contains("\r\n2" + ",".repeat(22) + "\r\n");
    }

    @Test
    void aCsvSplitOfTheRowPathEqualsTheCopyPathsPartsAndManifest() throws Exception {
        SqlDataSource source = source("bulk", "SELECT * FROM copy_bulk ORDER BY id");
        ExportFiles.Generated copy = files.generate(source, schedule(FileType.CSV, "ISO_DATE", true), next(), "x");
        ExportFiles.Generated rowPath =
                files.generate(viaJdbc(source), schedule(FileType.CSV, "ISO_DATE", true), next(), "x");
        assertThat(rowPath.rows()).isEqualTo(copy.rows()).isEqualTo(100001);
        assertThat(rowPath.files()).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertSameBytes(
                    Files.readAllBytes(rowPath.files().get(i).path()),
                    Files.readAllBytes(copy.files().get(i).path()),
                    copy.files().get(i).name());
            assertThat(rowPath.files().get(i).sha256())
                    .isEqualTo(copy.files().get(i).sha256());
        }
    }

    @Test
    void theRowPathFailsOverTheLimitAndLeavesNothing() {
        Path directory = next();
        assertThatThrownBy(() -> files.generate(
                        viaJdbc(source("bulk", "SELECT * FROM copy_bulk ORDER BY id")),
                        schedule(FileType.CSV, "ISO_DATE", false),
                        directory,
                        "x"))
                .isInstanceOf(RowLimitExceededException.class)
                .hasMessageContaining("more than 100000 rows");
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void jsonOfTheRowPathEqualsTheCopyPathByteForByteInEveryDateFormat() throws Exception {
        for (String dateFormat : ExporterConstants.DATE_FORMATS.keySet()) {
            SqlDataSource source = source("allTypes", ALL_TYPES);
            byte[] copy = single(files.generate(source, schedule(FileType.JSON, dateFormat, false), next(), "x"));
            byte[] jdbc =
                    single(files.generate(viaJdbc(source), schedule(FileType.JSON, dateFormat, false), next(), "x"));
            assertSameBytes(copy, jdbc, dateFormat);
        }
    }

    @Test
    void jsonWritesWhatJacksonWritesForTheHardValues() throws Exception {
        String json = new String(
                single(files.generate(
                        source("hard", ALL_TYPES + " LIMIT 13"), schedule(FileType.JSON, "UK", false), next(), "x")),
                StandardCharsets.UTF_8);
        assertThat(json)
                .startsWith("[{\"id\":1,\"t\":\"ctl:\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n"
                        + "\\u000B\\f\\r\\u000E")
                .contains("\"num\":1E-7,\"price\":1234567890.12,\"dbl\":0.1,\"rl\":1.1,\"ok\":true,"
                        + "\"day\":\"10/07/2024\",\"at\":\"2024-07-10T13:31:02Z\",\"local\":\"2024-07-10T13:31:02Z\"")
                .contains("\"cash\":-12.5,\"Quoted \\\"Key\\\", ü\":\"k1\"}")
                .contains("\"num\":0E-8,")
                .contains("\"dbl\":-0.0,")
                .contains("\"day\":\"15/03/0044\",")
                .contains("\"at\":\"-0043-03-15T10:00:00.500Z\"")
                .contains("\"dbl\":\"NaN\",\"rl\":\"Infinity\"")
                .contains("\"at\":\"+10000-01-01T00:00:00Z\"")
                .contains("\"day\":\"01/01/+10000\"")
                .contains("\"at\":\"2024-01-01T00:00:00.000001Z\"")
                .contains("\"local\":\"2024-01-01T00:00:00.120Z\"")
                .contains("\"dbl\":1.0E20,")
                .contains("\"dbl\":4.9E-324,")
                .contains("\"dbl\":100.0,")
                .contains("\"t\":null,");
    }

    @Test
    void jsonFailsWhereTheJdbcPathFails() throws Exception {
        for (String sql : new String[] {
            "SELECT 1 AS id, timestamptz 'infinity' AS at",
            "SELECT 1 AS id, 'NaN'::numeric AS n",
            "SELECT 1 AS id, '1000'::money AS m",
            "SELECT 1 AS id, B'101' AS b"
        }) {
            SqlDataSource source = source("failing", sql);
            Path copyDirectory = next();
            assertThatThrownBy(() -> files.generate(source, schedule(FileType.JSON, "UK", false), copyDirectory, "x"))
                    .as(sql)
                    .isInstanceOf(DataSourceException.class);
            assertThatThrownBy(() -> files.generate(viaJdbc(source), schedule(FileType.JSON, "UK", false), next(), "x"))
                    .as(sql)
                    .isInstanceOf(RuntimeException.class);
            assertThat(listing(copyDirectory)).isEmpty();
        }
    }

    @Test
    void aJsonSplitEqualsTheJdbcPathsPartsAndManifest() throws Exception {
        SqlDataSource source = source("bulk", "SELECT * FROM copy_bulk ORDER BY id");
        Path copyDirectory = next();
        Path jdbcDirectory = next();
        ExportFiles.Generated copy =
                files.generate(source, schedule(FileType.JSON, "ISO_DATE", true), copyDirectory, "x");
        ExportFiles.Generated jdbc =
                files.generate(viaJdbc(source), schedule(FileType.JSON, "ISO_DATE", true), jdbcDirectory, "x");
        assertThat(copy.rows()).isEqualTo(100001);
        assertThat(copy.files())
                .extracting(GeneratedFile::name)
                .containsExactly("x_part0001.json", "x_part0002.json", "x_manifest.json");
        assertThat(copy.files()).extracting(GeneratedFile::rows).containsExactly(100000L, 1L, null);
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(copy.files().get(i).path()))
                    .as(copy.files().get(i).name())
                    .isEqualTo(Files.readAllBytes(jdbc.files().get(i).path()));
            assertThat(copy.files().get(i).sha256())
                    .isEqualTo(jdbc.files().get(i).sha256());
            assertThat(copy.files().get(i).bytes())
                    .isEqualTo(Files.size(copy.files().get(i).path()));
        }
        assertThat(Files.readString(copy.files().get(1).path()))
                .startsWith("[{\"id\":100001,\"v\":\"v100001\","
                        + "\"even\":false,\"at\":\"2024-01-02T17:40:01.500Z\",\"ratio\":14285.857")
                .endsWith("}]");
    }

    @Test
    void jsonOverTheLimitFailsAndLeavesNothing() {
        Path directory = next();
        assertThatThrownBy(() -> files.generate(
                        source("bulk", "SELECT * FROM copy_bulk ORDER BY id"),
                        schedule(FileType.JSON, "ISO_DATE", false),
                        directory,
                        "x"))
                .isInstanceOf(RowLimitExceededException.class)
                .hasMessageContaining("more than 100000 rows");
        assertThat(listing(directory)).isEmpty();
    }

    @Test
    void emptyResultsAreAnEmptyArrayAndAHeaderRow() throws Exception {
        SqlDataSource source = source("none", "SELECT id, t FROM copy_all_types WHERE false");
        assertThat(single(files.generate(source, schedule(FileType.JSON, "UK", false), next(), "x")))
                .isEqualTo(single(files.generate(viaJdbc(source), schedule(FileType.JSON, "UK", false), next(), "x")))
                .asString(StandardCharsets.UTF_8)
                .isEqualTo("[]");
        assertThat(new String(
                        single(files.generate(source, schedule(FileType.CSV, "UK", false), next(), "x")),
                        StandardCharsets.UTF_8))
                .isEqualTo("id,t\r\n");
    }

    @Test
    void csvEqualsTheFormerSqlFormattedCopyInEveryDateFormat() throws Exception {
        String sql = ALL_TYPES;
        for (String dateFormat : ExporterConstants.DATE_FORMATS.keySet()) {
            byte[] csv =
                    single(files.generate(source("csv", sql), schedule(FileType.CSV, dateFormat, false), next(), "x"));
            assertSameBytes(csv, formerCsv(sql, dateFormat), dateFormat);
        }
        String csv = new String(
                single(files.generate(
                        source("csv", sql + " LIMIT 3"), schedule(FileType.CSV, "UK", false), next(), "x")),
                StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n")[0])
                .isEqualTo("id,t,vc,ch,sm,big,num,price,dbl,rl,ok,day,at,local,tm,iv,u,js,"
                        + "jb,arr,bin,cash,\"Quoted \"\"Key\"\", ü\"");
        assertThat(csv)
                .contains(",-32768,-9223372036854775808,0.0000001,1234567890.12,0.1,1.1,true,10/07/2024,"
                        + "2024-07-10T13:31:02Z,2024-07-10T13:31:02Z,10:00:00,1 day 02:03:04,")
                .contains(",0,0,0.00000000,0.00,-0,0,false,15/03/0044,0044-03-15T10:00:00.500000Z,"
                        + "0001-01-01T00:00:00Z,23:59:59.999999,")
                .contains("\r\n2" + ",".repeat(22) + "\r\n");
    }

    @Test
    void csvOfInfiniteTimesIsEmptyAsToCharMadeIt() throws Exception {
        String sql = "SELECT 1 AS id, timestamptz 'infinity' AS a, timestamp '-infinity' AS b, date 'infinity' AS c,"
                + " B'1' AS d";
        assertThat(new String(
                        single(files.generate(
                                source("inf", sql), schedule(FileType.CSV, "ISO_DATE", false), next(), "x")),
                        StandardCharsets.UTF_8))
                .isEqualTo("id,a,b,c,d\r\n1,,,,true\r\n");
    }

    @Test
    void theFilterGivesTheSameBytesWhateverTheChunksCopyHandsIt() throws Exception {
        String query = SqlDataSource.wrapped("SELECT * FROM copy_all_types ORDER BY id");
        byte[] csvCopy = copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)");
        byte[] jsonCopy = copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv)");
        List<CopyColumn> columns = columns(query);
        List<String> keys = columns.stream().map(CopyColumn::label).toList();
        byte[] csvWhole = null;
        byte[] jsonWhole = null;
        for (int chunk : new int[] {Integer.MAX_VALUE, 1, 2, 3, 7, 64}) {
            CopyFilter csv = new CopyFilter.Csv("chunks", false, next(), "x", 100000, columns, true, "dd/MM/yyyy");
            CopyFilter json = new CopyFilter.Json(
                    "chunks",
                    false,
                    next(),
                    "x",
                    100000,
                    columns,
                    keys,
                    java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"),
                    "dd/MM/yyyy");
            feed(csv, csvCopy, chunk);
            feed(json, jsonCopy, chunk);
            byte[] csvBytes = single(csv.finish());
            byte[] jsonBytes = single(json.finish());
            if (csvWhole == null) {
                csvWhole = csvBytes;
                jsonWhole = jsonBytes;
            }
            assertThat(csvBytes).as("csv in chunks of " + chunk).isEqualTo(csvWhole);
            assertThat(jsonBytes).as("json in chunks of " + chunk).isEqualTo(jsonWhole);
        }
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonWhole);
    }

    @Test
    void aJsonStreamIsTheJsonFileAndNdjsonItsObjectsOnePerLine() throws Exception {
        SqlDataSource source = source("allTypes", ALL_TYPES);
        String wrapped = SqlDataSource.wrapped(ALL_TYPES);
        List<CopyColumn> columns = columns(wrapped);
        byte[] file = single(files.generate(source, schedule(FileType.JSON, "ISO_DATE", false), next(), "x"));
        long rowCount = Long.parseLong(Sql.single(dataSource, "SELECT count(*) FROM copy_all_types"));

        ByteArrayOutputStream array = new ByteArrayOutputStream();
        assertThat(copyExport.streamJson(wrapped, columns, false, array)).isEqualTo(rowCount);
        assertSameBytes(array.toByteArray(), file, "stream");

        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        assertThat(copyExport.streamJson(wrapped, columns, true, lines)).isEqualTo(rowCount);
        String ndjson = lines.toString(StandardCharsets.UTF_8);
        assertThat(ndjson).endsWith("}\n").doesNotStartWith("[");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<com.fasterxml.jackson.databind.JsonNode> fromLines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            fromLines.add(json.readTree(line));
        }
        List<com.fasterxml.jackson.databind.JsonNode> fromFile = new ArrayList<>();
        json.readTree(file).forEach(fromFile::add);
        assertThat(fromLines).hasSize((int) rowCount).containsExactlyElementsOf(fromFile);

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(copyExport.streamJson(wrapped + " LIMIT 0", columns, false, none))
                .isZero();
        assertThat(none.toString(StandardCharsets.UTF_8)).isEqualTo("[]");
    }

    @Test
    void isoUtcColumnsPrintAsSqlTimesFormatsThemInCsvAndJson() throws Exception {
        String raw = "SELECT id, at FROM copy_all_types UNION ALL SELECT -1, timestamptz 'infinity'"
                + " UNION ALL SELECT -2, timestamptz '-infinity' UNION ALL SELECT -3, timestamptz '2024-01-01 10:00:00.123+00'"
                + " UNION ALL SELECT -4, timestamptz '2024-01-01 10:00:00.12+00' ORDER BY id";
        String formatted = "SELECT id, " + org.bdisuite.exporter.datasource.SqlTimes.isoUtc("at") + " AS at FROM ("
                + raw + ") AS r ORDER BY id";
        List<CopyColumn> declared =
                List.of(new CopyColumn("id", CopyColumn.Kind.INTEGER), new CopyColumn("at", CopyColumn.Kind.ISO_UTC));
        List<CopyColumn> text =
                List.of(new CopyColumn("id", CopyColumn.Kind.INTEGER), new CopyColumn("at", CopyColumn.Kind.TEXT));

        ByteArrayOutputStream fromFilter = new ByteArrayOutputStream();
        copyExport.streamJson(raw, declared, false, fromFilter);
        ByteArrayOutputStream fromSql = new ByteArrayOutputStream();
        copyExport.streamJson(formatted, text, false, fromSql);
        assertSameBytes(fromFilter.toByteArray(), fromSql.toByteArray(), "json");
        assertThat(fromFilter.toString(StandardCharsets.UTF_8))
                .contains("{\"id\":-4,\"at\":\"2024-01-01T10:00:00.120000Z\"}")
                .contains("{\"id\":-3,\"at\":\"2024-01-01T10:00:00.123000Z\"}")
                .contains("{\"id\":-1,\"at\":null}")
                .contains("{\"id\":2,\"at\":null}");

        byte[] csv = single(files.generate(
                SqlDataSource.builtIn("declared", "test", raw, List.of("id", "at"), declared),
                schedule(FileType.CSV, "UK", false),
                next(),
                "x"));
        byte[] csvFromSql = single(files.generate(
                SqlDataSource.builtIn("formatted", "test", formatted, List.of("id", "at"), text),
                schedule(FileType.CSV, "UK", false),
                next(),
                "x"));
        assertSameBytes(csv, csvFromSql, "csv");
        assertThat(new String(csv, StandardCharsets.UTF_8))
                .contains("\r\n-1,\r\n")
                .contains("\r\n-3,2024-01-01T10:00:00.123000Z\r\n");
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Equal bytes; else the first difference with some context (the files are long). */
    private static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int at = java.util.Arrays.mismatch(actual, expected);
        if (at >= 0) {
            String context =
                    "at byte " + at + "\n   actual: " + slice(actual, at) + "\n expected: " + slice(expected, at);
            org.junit.jupiter.api.Assertions.fail(what + ": " + context);
        }
    }

    private static String slice(byte[] bytes, int at) {
        int from = Math.max(0, at - 120);
        return new String(bytes, from, Math.min(bytes.length, at + 80) - from, StandardCharsets.UTF_8);
    }

    private static void feed(CopyFilter filter, byte[] bytes, int chunk) throws Exception {
        for (int i = 0; i < bytes.length; i += Math.min(chunk, bytes.length - i)) {
            filter.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
    }

    private byte[] copyOut(String copy) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL TimeZone = 'UTC'");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, out);
            c.rollback();
            return out.toByteArray();
        }
    }

    private List<CopyColumn> columns(String query) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement probe = c.prepareStatement(query + " LIMIT 0")) {
            ResultSetMetaData meta = probe.executeQuery().getMetaData();
            List<CopyColumn> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(new CopyColumn(
                        meta.getColumnLabel(i), CopyReader.kind(meta.getColumnTypeName(i), meta.getColumnType(i))));
            }
            return columns;
        }
    }

    /**
     * The reference: the CSV of the COPY path before this change, which formatted values in the select list with
     * to_char and CASE, and whose filter only added CRLF and neutralised text columns.
     */
    private byte[] formerCsv(String sql, String dateFormat) throws Exception {
        String datePattern = Map.of(
                        "yyyy-MM-dd",
                        "YYYY-MM-DD",
                        "dd/MM/yyyy",
                        "DD/MM/YYYY",
                        "MM/dd/yyyy",
                        "MM/DD/YYYY",
                        "yyyyMMdd",
                        "YYYYMMDD")
                .get(ExporterConstants.DATE_FORMATS.get(dateFormat));
        String wrapped = SqlDataSource.wrapped(sql);
        List<CopyColumn> former = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ");
        try (Connection c = dataSource.getConnection();
                PreparedStatement probe = c.prepareStatement(wrapped + " LIMIT 0")) {
            ResultSetMetaData meta = probe.executeQuery().getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String label = meta.getColumnLabel(i).replace("\"", "\"\"");
                String name = "q.\"" + label + "\"";
                select.append(i > 1 ? ", " : "")
                        .append(
                                switch (meta.getColumnType(i)) {
                                    case Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP ->
                                        "CASE WHEN date_trunc('second', " + name
                                                + ") = " + name + " THEN to_char(" + name + " AT TIME ZONE 'UTC',"
                                                + " 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') ELSE to_char(" + name
                                                + " AT TIME ZONE 'UTC',"
                                                + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END";
                                    case Types.DATE -> "to_char(" + name + ", '" + datePattern + "')";
                                    case Types.BOOLEAN, Types.BIT ->
                                        "CASE WHEN " + name + " THEN 'true' WHEN NOT " + name + " THEN 'false' END";
                                    default -> name;
                                })
                        .append(" AS \"")
                        .append(label)
                        .append("\"");
                CopyColumn.Kind kind = CopyReader.kind("", meta.getColumnType(i));
                // the former filter: text columns neutralised, every other value passed as SQL formatted it
                former.add(new CopyColumn(
                        meta.getColumnLabel(i),
                        kind == CopyColumn.Kind.TEXT ? CopyColumn.Kind.TEXT : CopyColumn.Kind.INTEGER));
            }
        }
        String query = select.append(" FROM (").append(wrapped).append(") AS q").toString();
        CopyFilter filter = new CopyFilter.Csv("former", false, next(), "x", 100000, former, true, "yyyy-MM-dd");
        filter.write(copyOut("COPY (" + query + ") TO STDOUT (FORMAT csv, HEADER)"));
        return single(filter.finish());
    }

    private SqlDataSource source(String name, String sql) {
        return new SqlDataSource(name, "test", sql, rows.columns(SqlDataSource.wrapped(sql)));
    }

    /** The same data source, not recognisable as a SQL one: ExportFiles streams it through JDBC. */
    private static ExportDataSource viaJdbc(SqlDataSource sql) {
        return new ExportDataSource() {
            @Override
            public String name() {
                return sql.name();
            }

            @Override
            public String description() {
                return sql.description();
            }

            @Override
            public List<String> headerRow() {
                return sql.headerRow();
            }

            @Override
            public List<String> parameterNames() {
                return List.of();
            }

            @Override
            public SqlQuery query(Map<String, String> parameters) {
                return sql.query(parameters);
            }
        };
    }

    private static ScheduleConfiguration schedule(FileType type, String dateFormat, boolean split) {
        return new ScheduleConfiguration(
                "test", "test", type, List.of(), List.of(), null, null, dateFormat, "UTC", Map.of(), split);
    }

    private Path next() {
        Path directory =
                WORK.resolve(Long.toString(ProcessHandle.current().pid())).resolve(Integer.toString(runs++));
        try {
            return Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] single(ExportFiles.Generated generated) throws Exception {
        assertThat(generated.files()).hasSize(1);
        return Files.readAllBytes(generated.files().get(0).path());
    }

    private static List<Path> listing(Path directory) {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
