package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

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
      OwnedChildren table = OwnedChildren.copyOf(new EditSession(), ChildMap.empty());
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
      OwnedChildren table = OwnedChildren.copyOf(new EditSession(), ChildMap.empty());
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
    ChildMap persistent = ChildMap.empty();
    for (int i = 0; i < 100; i++) {
      persistent = persistent.plus(file("f" + i, i));
    }
    OwnedChildren table = OwnedChildren.copyOf(new EditSession(), persistent);
    table.remove("f7");
    table.put(file("g", 1000));
    assertEquals(100, persistent.size());
    assertNotNull(persistent.get("f7"));
    assertEquals(100, table.size());
    assertNull(table.get("f7"));
    assertSame(persistent.get("f8"), table.get("f8"));
  }

  @Test
  void buildsAPersistentMapInNameOrderThatListsAndChangesLikeAnyOther() {
    OwnedChildren table = OwnedChildren.copyOf(new EditSession(), ChildMap.empty());
    TreeMap<String, Inode> expected = new TreeMap<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      names.add("d" + (i * 7919 % 1000));
    }
    for (String name : names) {
      table.put(file(name, names.indexOf(name)));
      expected.put(name, table.get(name));
    }
    ChildMap built = ChildMap.fromSorted(table.sorted());
    assertEquals(List.copyOf(expected.values()), copyOf(built));
    assertEquals(List.copyOf(expected.tailMap("d5", false).values()),
        copyOf(built.after("d5")));
    Inode e = file("e", 1);
    expected.remove("d10");
    expected.put("e", e);
    assertEquals(List.copyOf(expected.values()), copyOf(built.minus("d10").plus(e)));
    assertTrue(ChildMap.fromSorted(new Inode[0]).isEmpty());
  }

  private static List<Inode> copyOf(Iterable<Inode> children) {
    List<Inode> list = new ArrayList<>();
    children.forEach(list::add);
    return list;
  }
}
