package io.quire.harness.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ClientWorkloadTest {

  @Test
  void theSameSeedGivesTheSameCommands() {
    assertEquals(new ClientWorkload(2, 42, 500).commands(),
        new ClientWorkload(2, 42, 500).commands());
  }

  @Test
  void eachStateIsThePreviousOneWithItsCommandApplied() {
    ClientWorkload workload = new ClientWorkload(1, 7, 2_000);
    TreeSet<String> state = new TreeSet<>();
    for (int k = 0; k < workload.commands().size(); k++) {
      assertEquals(state, workload.stateAfter(k), "after " + k);
      String[] words = workload.commands().get(k).split(" ");
      switch (words[0]) {
        case "mkdir" -> state.add("d " + words[words.length - 1]);
        case "touch" -> state.add("f " + words[1]);
        case "mv" -> {
          assertTrue(state.remove("f " + words[1]), workload.commands().get(k));
          state.add("f " + words[2]);
        }
        case "rm" -> assertTrue(state.remove("f " + words[1]), workload.commands().get(k));
        default -> throw new AssertionError(workload.commands().get(k));
      }
    }
    assertEquals(state, workload.stateAfter(workload.commands().size()));
    assertEquals(state, workload.stateAfter(workload.commands().size() + 5));
  }

  @Test
  void everyEntryStaysInTheClientsSubtree() {
    ClientWorkload workload = new ClientWorkload(3, 11, 1_000);
    assertEquals("/c3", workload.root());
    assertTrue(workload.stateAfter(1_000).stream().allMatch(e -> e.substring(2).startsWith("/c3")));
  }
}
