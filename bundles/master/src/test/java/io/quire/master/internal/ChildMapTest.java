package io.quire.master.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChildMapTest {
  private static Inode file(String name, long id) {
    return Inode.file(id, name, "u", 0644, id);
  }

  private static List<Inode> listOf(Iterable<Inode> children) {
    List<Inode> list = new ArrayList<>();
    children.forEach(list::add);
    return list;
  }

  /** Same size, lookups, order and tails as {@code expected}, probing names in and between. */
  private static void assertSameAs(TreeMap<String, Inode> expected, ChildMap map, Random random,
      int names, String context) {
    assertEquals(expected.size(), map.size(), context);
    assertEquals(List.copyOf(expected.values()), listOf(map), context);
    for (Map.Entry<String, Inode> e : expected.entrySet()) {
      assertSame(e.getValue(), map.get(e.getKey()), context);
    }
    for (int probe = 0; probe < 20; probe++) {
      String name = "n" + random.nextInt(names + 1) + (random.nextBoolean() ? "" : "~");
      assertSame(expected.get(name), map.get(name), context);
      assertEquals(List.copyOf(expected.tailMap(name, false).values()), listOf(map.after(name)),
          context + ", after " + name);
    }
  }

  @Test
  void behavesLikeATreeMapUnderRandomAddsReplacementsAndRemovalsAndKeepsEveryVersion() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    // few names for removals down to empty, many for three levels of branches and merges
    for (int names : new int[] {3, 70, 700, 20_000}) {
      ChildMap map = ChildMap.empty();
      TreeMap<String, Inode> expected = new TreeMap<>();
      List<ChildMap> versions = new ArrayList<>();
      List<TreeMap<String, Inode>> expectedVersions = new ArrayList<>();
      int ops = Math.max(2_000, names * 6);
      for (int op = 0; op < ops; op++) {
        // grow during the first half, shrink during the second
        boolean remove = random.nextInt(4) < (op < ops / 2 ? 1 : 3);
        String name = "n" + random.nextInt(names);
        ChildMap before = map;
        if (remove) {
          map = map.minus(name);
          if (expected.remove(name) == null) {
            assertSame(before, map, "removing an absent name, seed " + seed);
          }
        } else {
          Inode child = file(name, op);
          map = map.plus(child);
          expected.put(name, child);
        }
        String probe = "n" + random.nextInt(names);
        assertSame(expected.get(probe), map.get(probe), "seed " + seed);
        assertEquals(expected.size(), map.size(), "seed " + seed);
        if (random.nextInt(ops / 20 + 1) == 0) {
          versions.add(map);
          expectedVersions.add(new TreeMap<>(expected));
        }
      }
      assertSameAs(expected, map, random, names, names + " names, seed " + seed);
      for (int v = 0; v < versions.size(); v++) {
        assertSameAs(expectedVersions.get(v), versions.get(v), random, names,
            names + " names, version " + v + ", seed " + seed);
      }
    }
  }

  @Test
  void buildsFromASortedArrayOfAnySizeAndChangesLikeAnyOther() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int n : new int[] {0, 1, 63, 64, 65, 128, 129, 4095, 4096, 4097, 300_000}) {
      TreeMap<String, Inode> expected = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        expected.put("n" + i, file("n" + i, i));
      }
      ChildMap map = ChildMap.fromSorted(expected.values().toArray(new Inode[0]));
      String context = n + " children, seed " + seed;
      assertSameAs(expected, map, random, n, context);
      for (int op = 0; op < 500; op++) {
        String name = "n" + random.nextInt(n + 10);
        if (random.nextBoolean()) {
          map = map.minus(name);
          expected.remove(name);
        } else {
          Inode child = file(name, op);
          map = map.plus(child);
          expected.put(name, child);
        }
      }
      assertSameAs(expected, map, random, n + 10, context);
    }
  }

  @Test
  void ordersNamesAsStringsCompare() {
    String[] names = {"", "\u0000", "a", "a\u0000", "ab", "b", "\u00e9", "\ud83d\ude00", "\uffff"};
    ChildMap map = ChildMap.empty();
    for (int i = names.length - 1; i >= 0; i--) {
      map = map.plus(file(names[i], i));
    }
    assertEquals(List.of(names), map.names());
  }

  @Test
  void emptiesCompletelyAndIteratesNothing() {
    ChildMap map = ChildMap.empty();
    for (int i = 0; i < 5000; i++) {
      map = map.plus(file("n" + i, i));
    }
    for (int i = 4999; i >= 0; i--) {
      map = map.minus("n" + i);
    }
    assertTrue(map.isEmpty());
    assertFalse(map.iterator().hasNext());
    assertFalse(map.after("a").iterator().hasNext());
    assertNull(map.get("n1"));
  }
}
