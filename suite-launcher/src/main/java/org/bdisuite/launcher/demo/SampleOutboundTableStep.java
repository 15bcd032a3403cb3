package org.bdisuite.launcher.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The outbound table an RMS extractor would fill for Diff_Fnd/Diff (the columns of RMS's DIFF_IDS), with
 * 5,000 rows when it is empty, so that extract, export and delivery have something realistic to move.
 * The rows are the same on every machine: generated from the row number, not at random.
 */
final class SampleOutboundTableStep implements DemoStep {

    static final String TABLE = "diff_fnd_diff_out";
    static final int ROWS = 5_000;
    private static final int BATCH = 1_000;

    /** RMS diff types with the industry code lists they usually come from. */
    private static final String[][] TYPES = {
        {"C", "Colour", "NRF-COLOR"},
        {"S", "Size", "NRF-SIZE"},
        {"F", "Flavour", "GS1-FLV"},
        {"E", "Scent", "GS1-SCT"},
        {"P", "Pattern", "NRF-PTRN"}
    };

    private static final String[] COLOURS = {
        "Black",
        "White",
        "Navy",
        "Red",
        "Forest Green",
        "Charcoal",
        "Ivory",
        "Sky Blue",
        "Burgundy",
        "Mustard",
        "Taupe",
        "Coral"
    };
    private static final String[] SIZES = {
        "XS", "S", "M", "L", "XL", "XXL", "28W 30L", "30W 32L", "32W 32L", "34W 34L", "EU 38", "EU 40", "EU 42", "EU 44"
    };
    private static final String[] FLAVOURS = {
        "Vanilla", "Strawberry", "Mint", "Salted Caramel", "Lemon", "Dark Chocolate", "Hazelnut"
    };
    private static final String[] SCENTS = {"Lavender", "Sandalwood", "Citrus", "Ocean Breeze", "Jasmine", "Cedar"};
    private static final String[] PATTERNS = {
        "Pinstripe", "Gingham", "Paisley", "Houndstooth", "Polka Dot", "Tartan", "Herringbone"
    };
    /** A fixed moment, so that the rows do not depend on when the demo ran. */
    private static final Instant FIRST_CREATED = Instant.parse("2024-01-02T06:00:00Z");

    @Override
    public String description() {
        return "sample outbound table " + TABLE + " with " + String.format("%,d", ROWS) + " Diff rows";
    }

    @Override
    public void apply(DemoContext ctx) throws SQLException {
        Connection connection = ctx.connection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS diff_fnd_diff_out (
                        bdi_seq_id        BIGINT       PRIMARY KEY,
                        diff_id           VARCHAR(10)  NOT NULL,
                        diff_desc         VARCHAR(120) NOT NULL,
                        diff_type         VARCHAR(6)   NOT NULL,
                        industry_code     VARCHAR(10),
                        industry_subgroup VARCHAR(10),
                        create_datetime   TIMESTAMPTZ  NOT NULL
                    )""");
            // Two demo runs at once must not both see an empty table.
            statement.execute("LOCK TABLE diff_fnd_diff_out IN SHARE ROW EXCLUSIVE MODE");
            try (ResultSet count = statement.executeQuery("SELECT count(*) FROM diff_fnd_diff_out")) {
                count.next();
                long existing = count.getLong(1);
                if (existing > 0) {
                    ctx.report("  " + TABLE + " already has " + String.format("%,d", existing) + " rows; left as is");
                    return;
                }
            }
        }
        insertRows(connection);
        ctx.report("  created " + TABLE + " and inserted " + String.format("%,d", ROWS) + " rows");
    }

    private static void insertRows(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO diff_fnd_diff_out
                    (bdi_seq_id, diff_id, diff_desc, diff_type, industry_code, industry_subgroup, create_datetime)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            for (int seq = 1; seq <= ROWS; seq++) {
                String[] type = TYPES[(seq - 1) % TYPES.length];
                int ordinal = (seq - 1) / TYPES.length;
                insert.setLong(1, seq);
                insert.setString(2, type[0] + String.format("%05d", seq));
                insert.setString(3, description(type[0], ordinal));
                insert.setString(4, type[0]);
                insert.setString(5, type[2]);
                insert.setString(6, type[1].toUpperCase().substring(0, 3) + String.format("%03d", ordinal % 1000));
                insert.setTimestamp(7, Timestamp.from(FIRST_CREATED.plus(seq * 7L, ChronoUnit.MINUTES)));
                insert.addBatch();
                if (seq % BATCH == 0 || seq == ROWS) {
                    insert.executeBatch();
                }
            }
        }
    }

    private static String description(String type, int ordinal) {
        return switch (type) {
            case "C" -> pick(COLOURS, ordinal) + " " + (ordinal / COLOURS.length + 1);
            case "S" -> "Size " + pick(SIZES, ordinal) + " (range " + (ordinal / SIZES.length + 1) + ")";
            case "F" -> pick(FLAVOURS, ordinal) + " flavour " + (ordinal / FLAVOURS.length + 1);
            case "E" -> pick(SCENTS, ordinal) + " scent " + (ordinal / SCENTS.length + 1);
            default -> pick(PATTERNS, ordinal) + " pattern " + (ordinal / PATTERNS.length + 1);
        };
    }

    private static String pick(String[] values, int ordinal) {
        return values[ordinal % values.length];
    }
}
