package io.quire.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QuireCliTest {

  @Test
  void theCommandWordIsTheFirstArgumentThatIsNoOptionNorTheConfigurationFolder() {
    assertEquals("start", QuireCli.commandWord(new String[] {"--conf", "/etc/quire", "start"}));
    assertEquals("stop", QuireCli.commandWord(new String[] {"--conf=/etc/quire", "stop", "x"}));
    assertEquals("fsadmin", QuireCli.commandWord(new String[] {"fsadmin", "report"}));
    assertEquals("", QuireCli.commandWord(new String[] {"--conf", "start"}));
    assertEquals("", QuireCli.commandWord(new String[] {"--help"}));
  }

  @Test
  void theLifecycleCommandsAreParsedWithoutTheOtherModulesCommands() {
    for (String command : List.of("start", "stop", "format", "formatMaster")) {
      assertFalse(QuireCli.forArguments(new String[] {"--conf", "/c", command})
          .getSubcommands().containsKey("fsadmin"), command);
    }
    for (List<String> args : List.of(List.of("--conf", "/c", "help", "fsadmin"),
        List.of("--conf", "/c", "fsadmin", "report"), List.of("--conf", "/c", "journal"),
        List.of("--conf", "/c", "--help"), List.of("--conf", "/c", "nonsense"))) {
      assertTrue(QuireCli.forArguments(args.toArray(String[]::new))
          .getSubcommands().keySet().containsAll(Set.of("fs", "fsadmin", "journal")),
          args.toString());
    }
  }

  @Test
  void theLifecycleCommandsGoWithoutTheOtherModulesCommands() {
    assertEquals(Set.of("format", "formatMaster", "start", "stop", "help"),
        QuireCli.ownCommands().getSubcommands().keySet());
    assertTrue(QuireCli.commandLine().getSubcommands().keySet()
        .containsAll(Set.of("format", "start", "stop", "help", "fs", "fsadmin", "journal")));
  }
}
