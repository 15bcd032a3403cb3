package org.bdisuite.exporter.datasource;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SelectStatementsTest {

    @Test
    void singleSelectsPass() {
        assertThat(SelectStatements.singleSelect("SELECT 1")).isEqualTo("SELECT 1");
        assertThat(SelectStatements.singleSelect("  select a, ';' AS \"x;y\" FROM t -- ; not a break\n;  "))
                .isEqualTo("select a, ';' AS \"x;y\" FROM t -- ; not a break");
        assertThat(SelectStatements.singleSelect("/* lead */ WITH q AS (SELECT 1) SELECT * FROM q"))
                .isNotNull();
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(SelectStatements.singleSelect("DELETE FROM t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECT 1; DROP TABLE t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECTx FROM t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECT $$;$$")).isNull();
        assertThat(SelectStatements.singleSelect("SELECT 1 /* open")).isNull();
        assertThat(SelectStatements.singleSelect(";")).isNull();
        assertThat(SelectStatements.singleSelect(null)).isNull();
    }
}
