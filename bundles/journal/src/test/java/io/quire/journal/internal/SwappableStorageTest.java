package io.quire.journal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.journal.storage.JournalStorage;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwappableStorageTest {

  /**
   * A default method the wrapper does not override would run the SPI's default (often "nothing
   * to do") instead of the bound backend's own: NFS's detachWriters, HDFS's recover.
   */
  @Test
  void everyDefaultMethodOfTheSpiReachesTheBoundStorage() {
    List<String> missing = new ArrayList<>();
    for (Method method : JournalStorage.class.getMethods()) {
      if (!method.isDefault() || Modifier.isStatic(method.getModifiers())) {
        continue;
      }
      try {
        SwappableStorage.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      } catch (NoSuchMethodException e) {
        missing.add(method.getName());
      }
    }
    assertEquals(List.of(), missing, "JournalStorage defaults that SwappableStorage does not pass on");
  }
}
