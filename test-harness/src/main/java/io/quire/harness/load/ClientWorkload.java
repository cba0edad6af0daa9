package io.quire.harness.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * One client's mutations, confined to its own subtree {@code /c<n>} so that its operations are
 * totally ordered and the namespace they produce can be computed: after the first {@code k}
 * operations, the subtree holds exactly {@link #stateAfter(int) stateAfter(k)}.
 *
 * <p>Every operation is valid against the state the earlier ones leave, so a master that rejects
 * one has lost or reordered something.
 */
public final class ClientWorkload {

  private final String root;
  private final List<String> commands = new ArrayList<>();
  private final List<TreeSet<String>> states = new ArrayList<>();

  public ClientWorkload(int client, long seed, int operations) {
    this.root = "/c" + client;
    Random random = new Random(seed * 31 + client);
    TreeSet<String> state = new TreeSet<>();
    states.add(new TreeSet<>(state));
    add("mkdir -p " + root, state, "d " + root);
    int names = 0;
    while (commands.size() < operations) {
      List<String> dirs = entries(state, "d ");
      List<String> files = entries(state, "f ");
      int pick = random.nextInt(10);
      String name = "n" + (names++);
      if (pick < 3 || dirs.size() < 2) {
        String parent = dirs.get(random.nextInt(dirs.size()));
        add("mkdir " + parent + "/" + name, state, "d " + parent + "/" + name);
      } else if (pick < 7 || files.isEmpty()) {
        String parent = dirs.get(random.nextInt(dirs.size()));
        add("touch " + parent + "/" + name, state, "f " + parent + "/" + name);
      } else if (pick < 9) {
        String file = files.get(random.nextInt(files.size()));
        String parent = dirs.get(random.nextInt(dirs.size()));
        state.remove("f " + file);
        add("mv " + file + " " + parent + "/" + name, state, "f " + parent + "/" + name);
      } else {
        String file = files.get(random.nextInt(files.size()));
        state.remove("f " + file);
        add("rm " + file, state, null);
      }
    }
  }

  private void add(String command, TreeSet<String> state, String created) {
    if (created != null) {
      state.add(created);
    }
    commands.add(command);
    states.add(new TreeSet<>(state));
  }

  private static List<String> entries(TreeSet<String> state, String kind) {
    List<String> paths = new ArrayList<>();
    for (String entry : state) {
      if (entry.startsWith(kind)) {
        paths.add(entry.substring(2));
      }
    }
    return paths;
  }

  public String root() {
    return root;
  }

  public List<String> commands() {
    return commands;
  }

  /** The subtree's entries ({@code "d /c1/n3"}, {@code "f /c1/n3/n7"}) after {@code k} commands. */
  public TreeSet<String> stateAfter(int k) {
    return states.get(Math.min(k, states.size() - 1));
  }
}
