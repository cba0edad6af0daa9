package io.quire.client.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineTokenizerTest {
  @Test
  void splitsOnWhitespaceHonouringQuotesAndEscapes() {
    assertEquals(List.of("mv", "/a b", "/c'd", "/e\"f", "g h"),
        LineTokenizer.split("  mv \"/a b\"\t'/c'\\''d' '/e\"f' g\\ h "));
    assertEquals(List.of("x", ""), LineTokenizer.split("x ''"));
    assertEquals(List.of(), LineTokenizer.split("   "));
  }

  @Test
  void refusesUnbalancedQuotes() {
    assertEquals("unclosed \" quote",
        assertThrows(IllegalArgumentException.class, () -> LineTokenizer.split("a \"b"))
            .getMessage());
  }
}
