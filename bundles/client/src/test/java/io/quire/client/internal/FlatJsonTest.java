package io.quire.client.internal;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

  @Test
  void writesWhatAJsonParserReadsBackUnchanged() throws Exception {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("path", "/a \"q\" \\ b/\u0000\u0001\u001f\u007f/\u00e9\u4e2d/\ud83d\ude00/\u2028");
    fields.put("parents", true);
    fields.put("recursive", false);
    fields.put("mtimeMillis", -1234567890123L);
    fields.put("owner", "");
    byte[] json = FlatJson.object(fields);
    assertEquals(fields, JSON.std.mapFrom(json));
    assertEquals("{}", new String(FlatJson.object(Map.of()), StandardCharsets.UTF_8));
  }

  @Test
  void refusesValuesThatAreNotFlat() {
    assertThrows(IllegalArgumentException.class, () -> FlatJson.object(Map.of("x", 1.5)));
  }

  @Test
  void readsOnlyTheExactSequenceAnswer() {
    assertEquals(0, FlatJson.sequence(bytes("{\"sequence\":0}")));
    assertEquals(123456789012345678L, FlatJson.sequence(bytes("{\"sequence\":123456789012345678}")));
    for (String other : new String[] {"", "{}", "{\"sequence\":}", "{\"sequence\":-1}",
        "{\"sequence\": 1}", "{\"sequence\":1 }", "{\"sequence\":1,\"x\":2}", "{\"sequencE\":1}",
        "{\"sequence\":1234567890123456789}", "{\"sequence\":1x}", "{\"sequence\":1"}) {
      assertEquals(-1, FlatJson.sequence(bytes(other)), other);
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
