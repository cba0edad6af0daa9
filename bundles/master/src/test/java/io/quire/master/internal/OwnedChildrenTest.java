package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pcollections.TreePMap;

class OwnedChildrenTest {
  private static Inode file(String name, long id) {
    return Inode.file(id, name, "u", 0644, id);
  }

  @Test
  void behavesLikeASortedMapUnderRandomAddsReplacementsAndRemovals() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      // few names for long probe runs and many removals, many names for growth
      int names = round % 2 == 0 ? 12 : 3000;
      OwnedChildren table = OwnedChildren.copyOf(new EditSession(), TreePMap.empty());
      TreeMap<String, Inode> expected = new TreeMap<>();
      for (int op = 0; op < 20_000; op++) {
        String name = "n" + random.nextInt(names);
        if (random.nextInt(3) == 0) {
          table.remove(name);
          expected.remove(name);
        } else {
          Inode child = file(name, op);
          table.put(child);
          expected.put(name, child);
        }
        String probe = "n" + random.nextInt(names);
        assertSame(expected.get(probe), table.get(probe), "seed " + seed);
      }
      assertEquals(expected.size(), table.size(), "seed " + seed);
      for (Map.Entry<String, Inode> e : expected.entrySet()) {
        assertSame(e.getValue(), table.get(e.getKey()), "seed " + seed);
      }
      assertEquals(List.copyOf(expected.values()), List.of(table.sorted()), "seed " + seed);
    }
  }

  @Test
  void sortsNamesAsStringsCompareWhateverTheirLengthAndCharacters() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "ab\u0000\u00e9\u7fff\uffff\ud83d\ude00";
    for (int count : new int[] {0, 1, 2, 500, 40_000}) {
      OwnedChildren table = OwnedChildren.copyOf(new EditSession(), TreePMap.empty());
      TreeMap<String, Inode> expected = new TreeMap<>();
      for (int i = 0; i < count; i++) {
        StringBuilder name = new StringBuilder();
        for (int c = random.nextInt(6); c >= 0; c--) {
          name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        Inode child = file(name + (count > 1000 ? "-" + i : ""), i);
        table.put(child);
        expected.put(child.name(), child);
      }
      assertEquals(List.copyOf(expected.values()), List.of(table.sorted()),
          count + " names, seed " + seed);
    }
  }

  @Test
  void copiesAPersistentMapAndLeavesItUnchanged() {
    TreePMap<String, Inode> persistent = TreePMap.empty();
    for (int i = 0; i < 100; i++) {
      persistent = persistent.plus("f" + i, file("f" + i, i));
    }
    OwnedChildren table = OwnedChildren.copyOf(new EditSession(), persistent);
    table.remove("f7");
    table.put(file("g", 1000));
    assertEquals(100, persistent.size());
    assertTrue(persistent.containsKey("f7"));
    assertEquals(100, table.size());
    assertNull(table.get("f7"));
    assertSame(persistent.get("f8"), table.get("f8"));
  }

  @Test
  void buildsAPersistentMapInNameOrderThatListsAndChangesLikeAnyOther() {
    OwnedChildren table = OwnedChildren.copyOf(new EditSession(), TreePMap.empty());
    TreePMap<String, Inode> expected = TreePMap.empty();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add("d" + (i * 7919 % 1000));
    }
    for (String name : names) {
      table.put(file(name, names.indexOf(name)));
      expected = expected.plus(name, table.get(name));
    }
    TreePMap<String, Inode> built = OwnedChildren.toPersistent(table.sorted());
    assertEquals(expected, built);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(built.keySet()));
    assertEquals(List.copyOf(expected.tailMap("d5", false).keySet()),
        List.copyOf(built.tailMap("d5", false).keySet()));
    Inode e = file("e", 1);
    assertEquals(expected.minus("d10").plus("e", e), built.minus("d10").plus("e", e));
    assertTrue(OwnedChildren.toPersistent(new Inode[0]).isEmpty());
  }
}
