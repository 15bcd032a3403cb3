package org.bdisuite.exporter.datasource.persistence;

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
        // pgjdbc's lexer knows dollar quotes and escape strings, as PostgreSQL does
        assertThat(SelectStatements.singleSelect("SELECT $$;$$ AS a, E'\\';' AS b;"))
                .isEqualTo("SELECT $$;$$ AS a, E'\\';' AS b");
    }

    @Test
    void anythingElseIsRefused() {
        assertThat(SelectStatements.singleSelect("DELETE FROM t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECT 1; DROP TABLE t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECTx FROM t")).isNull();
        assertThat(SelectStatements.singleSelect("SELECT 1; SELECT 2")).isNull();
        assertThat(SelectStatements.singleSelect("VALUES (1)")).isNull();
        assertThat(SelectStatements.singleSelect(";")).isNull();
        assertThat(SelectStatements.singleSelect(null)).isNull();
    }
}
