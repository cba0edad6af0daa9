package io.quire.harness.load;

import java.util.ArrayList;
import java.util.Collections;
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
 *
 * <p>Each command keeps only the entry it removes and the one it adds; a state is replayed from
 * those when asked for, so that workloads of tens of thousands of commands (clients that write
 * until a scenario stops them) stay small. The directories and files to draw from are kept in
 * sorted lists, the order a sorted set of the entries lists them in.
 */
public final class ClientWorkload {

  private final String root;
  private final List<String> commands = new ArrayList<>();
  private final List<String> removed = new ArrayList<>();
  private final List<String> added = new ArrayList<>();

  public ClientWorkload(int client, long seed, int operations) {
    this.root = "/c" + client;
    Random random = new Random(seed * 31 + client);
    List<String> dirs = new ArrayList<>();
    List<String> files = new ArrayList<>();
    add("mkdir -p " + root, null, "d " + root);
    insert(dirs, root);
    int names = 0;
    while (commands.size() < operations) {
      int pick = random.nextInt(10);
      String name = "n" + (names++);
      if (pick < 3 || dirs.size() < 2) {
        String path = dirs.get(random.nextInt(dirs.size())) + "/" + name;
        add("mkdir " + path, null, "d " + path);
        insert(dirs, path);
      } else if (pick < 7 || files.isEmpty()) {
        String path = dirs.get(random.nextInt(dirs.size())) + "/" + name;
        add("touch " + path, null, "f " + path);
        insert(files, path);
      } else if (pick < 9) {
        String file = files.get(random.nextInt(files.size()));
        String path = dirs.get(random.nextInt(dirs.size())) + "/" + name;
        add("mv " + file + " " + path, "f " + file, "f " + path);
        files.remove(Collections.binarySearch(files, file));
        insert(files, path);
      } else {
        String file = files.get(random.nextInt(files.size()));
        add("rm " + file, "f " + file, null);
        files.remove(Collections.binarySearch(files, file));
      }
    }
  }

  private void add(String command, String removedEntry, String addedEntry) {
    commands.add(command);
    removed.add(removedEntry);
    added.add(addedEntry);
  }

  private static void insert(List<String> sorted, String path) {
    int at = Collections.binarySearch(sorted, path);
    sorted.add(at < 0 ? -at - 1 : at, path);
  }

  public String root() {
    return root;
  }

  public List<String> commands() {
    return commands;
  }

  /** The subtree's entries ({@code "d /c1/n3"}, {@code "f /c1/n3/n7"}) after {@code k} commands. */
  public TreeSet<String> stateAfter(int k) {
    TreeSet<String> state = new TreeSet<>();
    for (int i = 0; i < Math.min(k, commands.size()); i++) {
      if (removed.get(i) != null) {
        state.remove(removed.get(i));
      }
      if (added.get(i) != null) {
        state.add(added.get(i));
      }
    }
    return state;
  }
}
