package dev.binlogfc.source.canal.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuotedIdentifierTest {

    @Test
    void lastPartIsUnquoted() {
        assertThat(QuotedIdentifier.lastPart("\"inventory\".\"customers\"")).isEqualTo("customers");
        assertThat(QuotedIdentifier.lastPart("\"shop\".\"odd.name\"")).isEqualTo("odd.name");
        assertThat(QuotedIdentifier.lastPart("\"shop\".\"say \"\"hi\"\"\"")).isEqualTo("say \"hi\"");
        assertThat(QuotedIdentifier.lastPart("shop.orders")).isEqualTo("orders");
    }
}
