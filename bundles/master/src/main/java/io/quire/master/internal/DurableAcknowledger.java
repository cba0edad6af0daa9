package io.quire.master.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the client API's mutations once they are durable, on one thread, so that no request
 * thread blocks on the journal.
 *
 * <p>A request thread applies and journals its mutation, suspends the request and hands over its
 * sequence number; it is then free for the next request at once. This thread takes the pending
 * answers in sequence order and, for each, waits until that sequence is durable, then writes
 * {@code {"sequence": N}} and completes the request. The first answer of a group commit waits for
 * its fsync; the rest of that group find it done and are answered without parking. So an fsync
 * wakes one thread rather than every writer it covers (on a two-core machine each wake-up is a
 * context switch, which costs more than the request itself).
 *
 * <p>Invariant, as for the blocking path: no answer is written before its sequence is durable. A
 * failed journal answers {@code NOT_DURABLE}. On {@link #stop} the thread answers every request
 * already handed over before it ends.
 */
final class DurableAcknowledger {
  private static final Logger LOG = LoggerFactory.getLogger(DurableAcknowledger.class);
  private static final long STOP_WAIT_SECONDS = 30;

  private record Pending(long sequence, AsyncContext context) {}

  private final Namespace namespace;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition submitted = lock.newCondition();
  private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock
  private boolean stopping; // guarded by lock
  private final Thread thread;

  DurableAcknowledger(Namespace namespace) {
    this.namespace = namespace;
    this.thread = new Thread(this::run, "quire-api-acknowledger");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Answers the suspended request {@code context} once {@code sequence} is durable. */
  void submit(long sequence, AsyncContext context) {
    context.setTimeout(0); // the answer waits for the disk, however long it takes
    lock.lock();
    try {
      if (!stopping) {
        queue.add(new Pending(sequence, context));
        submitted.signal();
        return;
      }
    } finally {
      lock.unlock();
    }
    answer(new Pending(sequence, context)); // stopped: the caller's thread waits itself
  }

  /** Answers what was handed over, then ends the thread. */
  void stop() throws InterruptedException {
    lock.lock();
    try {
      stopping = true;
      submitted.signal();
    } finally {
      lock.unlock();
    }
    thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
    if (thread.isAlive()) {
      LOG.warn("Client API answers still waiting for the journal after {} s; giving up on them",
          STOP_WAIT_SECONDS);
      thread.interrupt();
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    while (takeAll(batch)) {
      // Request threads hand over in nearly, not exactly, sequence order.
      batch.sort(Comparator.comparingLong(Pending::sequence));
      for (Pending p : batch) {
        answer(p);
      }
      batch.clear();
    }
  }

  /** @return false once stopping and nothing is left */
  private boolean takeAll(List<Pending> into) {
    lock.lock();
    try {
      while (queue.isEmpty() && !stopping) {
        submitted.awaitUninterruptibly();
      }
      into.addAll(queue);
      queue.clear();
      return !into.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private void answer(Pending p) {
    HttpServletResponse response = (HttpServletResponse) p.context().getResponse();
    try {
      long sequence = namespace.awaitDurable(p.sequence());
      ApiServlet.sendJson(response, 200, "{\"sequence\":" + sequence + "}");
    } catch (NotDurableException e) {
      sendError(response, ApiError.notDurable(e));
    } catch (InterruptedException e) {
      // Only stop() interrupts, after waiting: the entry is journaled but not known durable.
      Thread.currentThread().interrupt();
      sendError(response, ApiError.notDurable("journal entry " + p.sequence()
          + " is not known to be durable: the master stopped waiting for it"));
    } catch (IOException e) {
      LOG.debug("Could not answer mutation {}: the client went away: {}", p.sequence(), e);
    } finally {
      complete(p);
    }
  }

  private static void sendError(HttpServletResponse response, ApiError error) {
    try {
      ApiServlet.sendError(response, error);
    } catch (IOException e) {
      LOG.debug("Could not answer {}: the client went away: {}", error.code(), e.toString());
    }
  }

  private static void complete(Pending p) {
    try {
      p.context().complete();
    } catch (IllegalStateException e) {
      // The container ended the request already (the connection failed): nothing to answer.
      LOG.debug("Request for mutation {} already ended: {}", p.sequence(), e.toString());
    }
  }
}
