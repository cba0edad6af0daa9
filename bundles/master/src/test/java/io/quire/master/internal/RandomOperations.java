package io.quire.master.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random namespace operations over a small name space, so that refusals happen too. One name is
 * not ASCII: replay applies creations of ASCII paths straight from the entry's bytes and every
 * other entry through a decoded mutation, and a namespace replayed from a journal of these
 * operations has had both ways mixed.
 */
final class RandomOperations {
  private static final String[] NAMES = {"a", "b", "c", "d", "\u00e9"};

  private RandomOperations() {}

  /** @return how many operations were accepted */
  static int run(Namespace ns, Random random, int count) throws Exception {
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      try {
        apply(ns, random);
        accepted++;
      } catch (NamespaceException refused) {
        // refusals are part of the mix; they must leave no entry behind
      }
    }
    return accepted;
  }

  private static void apply(Namespace ns, Random random) throws Exception {
    FsPath p = randomPath(random);
    switch (random.nextInt(10)) {
      case 0, 1, 2 -> ns.mkdir(p, random.nextBoolean(), owner(random), 0755);
      case 3, 4, 5 -> ns.createFile(p, owner(random), random.nextInt(01000));
      case 6, 7 -> ns.rename(p, randomPath(random));
      case 8 -> ns.delete(p, random.nextBoolean());
      default -> ns.setAttributes(p, random.nextBoolean() ? owner(random) : null,
          random.nextBoolean() ? random.nextInt(07777) : -1,
          random.nextBoolean() ? random.nextLong() : null);
    }
  }

  private static String owner(Random random) {
    return "user" + random.nextInt(3);
  }

  static FsPath randomPath(Random random) throws NamespaceException {
    int depth = 1 + random.nextInt(4);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      names.add(NAMES[random.nextInt(NAMES.length)]);
    }
    return FsPath.parse("/" + String.join("/", names));
  }
}
