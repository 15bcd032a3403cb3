package org.bdisuite.exporter.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The right-hand side of a run mail's Message-ID comes from the sender address, whatever shape it has. */
class EmailDeliveryMessageIdTest {

    @Test
    void theDomainOfAPlainOrANamedSenderAddress() {
        assertThat(EmailDelivery.domainOf("exporter@example.org")).isEqualTo("example.org");
        assertThat(EmailDelivery.domainOf("BDI Exporter <exports@mail.example.org>"))
                .isEqualTo("mail.example.org");
    }

    @Test
    void aSenderWithoutAUsableDomainFallsBackToTheSuitesOwn() {
        assertThat(EmailDelivery.domainOf("exporter")).isEqualTo("bdisuite.local");
        assertThat(EmailDelivery.domainOf("x@exa mple.org")).isEqualTo("bdisuite.local");
        assertThat(EmailDelivery.domainOf("x@")).isEqualTo("bdisuite.local");
    }

    @Test
    void theSameRunAlwaysGetsTheSameMessageId() {
        assertThat(EmailDelivery.messageId("1234-5678-9012-3456", 42, "example.org"))
                .isEqualTo("<export.1234-5678-9012-3456.run-42@example.org>")
                .isEqualTo(EmailDelivery.messageId("1234-5678-9012-3456", 42, "example.org"))
                .isNotEqualTo(EmailDelivery.messageId("1234-5678-9012-3456", 43, "example.org"));
    }
}
