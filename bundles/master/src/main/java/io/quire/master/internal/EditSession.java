package io.quire.master.internal;

/**
 * A run of mutations whose intermediate trees nobody reads, such as journal replay. Applying a
 * mutation persistently copies the path from the root, and with it a dozen tree nodes of each
 * children map on that path; inside a session, a directory the session has changed instead keeps
 * its children, mtime and subtree size in an {@link OwnedChildren} table that the session changes
 * in place, so that the directory and its ancestors are not copied again (in
 * {@code ReplayBench}, that took the bytes allocated per mkdir from 325 to 214).
 * {@link #freeze} turns the tables back into persistent maps, after which the tree is an ordinary
 * immutable snapshot and the session refuses further changes (Clojure's transients work alike).
 * What a mutation may do stays in {@link MutationApplier}, which runs the same code with and
 * without a session.
 *
 * <p>Invariants while the session is open:
 * <ol>
 *   <li>A persistent map is never changed: the session's first change to a directory copies its
 *       children into an owned table, so the tree the session started from (maybe a published
 *       snapshot) stays intact.
 *   <li>Only the latest root the session produced may be read: older roots share tables that
 *       have changed since (or are the latest root itself, changed in place), and no tree
 *       holding a table is ever published.
 *   <li>A directory with a persistent map has only persistent maps below it: every change below a
 *       directory replaces its entry in that directory's children, which makes them a table
 *       first. So {@link #freeze} visits only the part of the tree the session changed, and a
 *       directory changed in place has ancestors that can be changed in place too.
 *   <li>No table is reachable through two directories: a renamed directory leaves its old
 *       parent before its renamed copy joins the new one.
 * </ol>
 * Confined to one thread.
 */
final class EditSession {
  private boolean frozen;

  /** @throws IllegalStateException once the session is frozen */
  void checkOpen() {
    if (frozen) {
      throw new IllegalStateException("the edit session is frozen");
    }
  }

  /**
   * Ends the session: returns {@code root} with every table below it replaced by a persistent
   * map, in time linear in the number of directories the session changed and their children
   * (plus sorting each one's children by name).
   */
  Inode freeze(Inode root) {
    checkOpen();
    frozen = true;
    return root.frozen();
  }
}
