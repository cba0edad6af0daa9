package io.quire.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerCommandTest {

  @Test
  void theDefaultHeapComesFirstSoThatTheOperatorsOptionsOverrideIt() {
    assertEquals(List.of("-Xms1g", "-XX:NewSize=384m"), ServerCommand.javaOptions(null));
    assertEquals(List.of("-Xms1g", "-XX:NewSize=384m"), ServerCommand.javaOptions("  "));
    assertEquals(List.of("-Xms1g", "-XX:NewSize=384m", "-XX:+UseParallelGC", "-Dx=y"),
        ServerCommand.javaOptions(" -XX:+UseParallelGC  -Dx=y "));
  }

  @Test
  void anOperatorWhoSizesTheHeapGetsNoDefault() {
    assertEquals(List.of("-Xmx512m"), ServerCommand.javaOptions("-Xmx512m"));
    assertEquals(List.of("-Xms4g", "-Xmx8g"), ServerCommand.javaOptions("-Xms4g -Xmx8g"));
    assertEquals(List.of("-XX:MaxRAMPercentage=50"),
        ServerCommand.javaOptions("-XX:MaxRAMPercentage=50"));
    assertEquals(List.of("-XX:MaxHeapSize=2g"), ServerCommand.javaOptions("-XX:MaxHeapSize=2g"));
    assertEquals(List.of("-Xmn256m"), ServerCommand.javaOptions("-Xmn256m"));
    assertEquals(List.of("-XX:NewSize=64m"), ServerCommand.javaOptions("-XX:NewSize=64m"));
    assertEquals(List.of("-XX:MaxNewSize=1g"), ServerCommand.javaOptions("-XX:MaxNewSize=1g"));
  }
}
