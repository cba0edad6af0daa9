package io.quire.journal.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * What the writers of one group-commit batch wait on: opened once, when the batch is durable or
 * has failed, and then answers every waiter, those parked and those still to come.
 *
 * <p>Why not a {@code CompletableFuture}: completing one unparks its waiters one after another on
 * the completing thread, and on a virtual machine each unpark is a system call that costs a few
 * microseconds. With 64 writers that made the sync thread spend about a third of each cycle
 * waking writers instead of syncing. Here the opener wakes two waiters, and each woken waiter
 * wakes two more before it returns (a binary tree over the waiters), so the waking is spread over
 * the writers' own threads and the sync thread goes back to the storage at once.
 *
 * <p>A waiter that gives up (its time slice ran out) must not break the tree: it marks itself
 * abandoned with a compare-and-set, and whoever would have woken it wakes its two children
 * instead. If that compare-and-set fails, it was woken in the meantime and does its share.
 */
final class BatchLatch {

  private static final int WAITING = 0;
  private static final int WOKEN = 1;
  private static final int ABANDONED = 2;

  private static final Object DURABLE = new Object();

  /** Stands for "opened" at the head of the waiter stack: no waiter can join any more. */
  private static final Waiter OPENED = new Waiter(null);

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Null while the batch is pending, then {@link #DURABLE} or the failure. */
  private volatile Object outcome;
  /** Waiters pushed as a stack (each links to the one pushed before it), or {@link #OPENED}. */
  private final AtomicReference<Waiter> waiters = new AtomicReference<>();

  /** The batch is durable: every waiter returns. Later calls to either opener do nothing. */
  void durable() {
    open(DURABLE);
  }

  /** The batch will never be durable: every waiter gets {@code cause}. */
  void failed(IOException cause) {
    open(cause);
  }

  boolean isOpen() {
    return outcome != null;
  }

  private void open(Object result) {
    synchronized (this) {
      if (outcome != null) {
        return;
      }
      outcome = result;
    }
    Waiter top = waiters.getAndSet(OPENED);
    List<Waiter> list = new ArrayList<>();
    for (Waiter w = top; w != null; w = w.next) {
      list.add(w);
    }
    Waiter[] tree = list.toArray(new Waiter[0]);
    for (int i = 0; i < tree.length; i++) {
      tree[i].tree = tree;
      tree[i].index = i;
    }
    wake(tree, 0);
    wake(tree, 1);
  }

  /**
   * Waits until the latch opens or {@code nanos} pass.
   *
   * @return true once durable, false when the time ran out first
   * @throws IOException the batch failed
   * @throws InterruptedException interrupted before the latch opened
   */
  boolean await(long nanos) throws IOException, InterruptedException {
    if (outcome == null) {
      long deadline = System.nanoTime() + nanos;
      Waiter me = new Waiter(Thread.currentThread());
      if (push(me) && !park(me, deadline)) {
        return false;
      }
    }
    Object result = outcome;
    if (result instanceof IOException failure) {
      throw failure;
    }
    return true;
  }

  /** @return false when the latch was already open (the waiter was not pushed) */
  private boolean push(Waiter me) {
    while (true) {
      Waiter top = waiters.get();
      if (top == OPENED) {
        return false;
      }
      me.next = top;
      if (waiters.compareAndSet(top, me)) {
        return true;
      }
    }
  }

  /**
   * @return true when woken by the latch's opening, false when the deadline passed first
   * @throws InterruptedException interrupted first (when woken at the same time, the interrupt
   *     stays set and this returns true)
   */
  private boolean park(Waiter me, long deadline) throws InterruptedException {
    while (true) {
      if ((int) STATE.getVolatile(me) == WOKEN) {
        wakeChildren(me);
        return true;
      }
      boolean interrupted = Thread.interrupted();
      long left = deadline - System.nanoTime();
      if (interrupted || left <= 0) {
        if (STATE.compareAndSet(me, WAITING, ABANDONED)) {
          if (interrupted) {
            throw new InterruptedException("interrupted while waiting for a batch to be durable");
          }
          return false;
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        continue; // woken just now: do its share of the waking
      }
      LockSupport.parkNanos(this, left);
    }
  }

  private static void wakeChildren(Waiter w) {
    wake(w.tree, 2 * w.index + 2);
    wake(w.tree, 2 * w.index + 3);
  }

  /** Wakes {@code tree[i]}, or, when it gave up, its children in its place. */
  private static void wake(Waiter[] tree, int i) {
    if (i >= tree.length) {
      return;
    }
    Waiter w = tree[i];
    if (STATE.compareAndSet(w, WAITING, WOKEN)) {
      LockSupport.unpark(w.thread);
    } else {
      wakeChildren(w);
    }
  }

  private static final class Waiter {
    final Thread thread;
    Waiter next;
    /** Set by the opener before the compare-and-set that wakes this waiter publishes them. */
    Waiter[] tree;
    int index;
    @SuppressWarnings("unused") // through STATE
    volatile int state = WAITING;

    Waiter(Thread thread) {
      this.thread = thread;
    }
  }
}
