package io.quire.harness.load;

import io.quire.harness.MasterProcess;
import java.util.ArrayList;
import java.util.List;

/**
 * One iteration's load: {@code clients} {@code fs -} processes, each driven by its own thread
 * through its own {@link ClientWorkload}, until the master is killed, the scenario stops them,
 * or the workloads end.
 */
public final class ClientLoad {

  private final AckCounter counter = new AckCounter();
  private final List<FsBatchClient> drivers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean killed;
  private volatile boolean stopping;

  public ClientLoad(MasterProcess master, long seed, int clients, int operationsPerClient) {
    for (int c = 0; c < clients; c++) {
      FsBatchClient driver = new FsBatchClient(master.command("fs", "-"),
          new ClientWorkload(c, seed, operationsPerClient), () -> killed, () -> stopping,
          counter);
      drivers.add(driver);
      Thread thread = new Thread(driver, "fs-client-" + c);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  public AckCounter counter() {
    return counter;
  }

  /**
   * SIGKILLs the master (the clients learn first that refusals from now on are expected) and
   * waits for every client to stop.
   */
  public void killMaster(MasterProcess master) throws InterruptedException {
    killed = true;
    master.kill();
    awaitCompletion();
  }

  /**
   * Asks every client to stop after the command it is waiting for, and waits until they have:
   * then every command sent was answered, and what the master acknowledged is exact.
   */
  public void stop() throws InterruptedException {
    stopping = true;
    awaitCompletion();
  }

  /** Waits until every client has run its whole workload (or stopped at a refusal). */
  public void awaitCompletion() throws InterruptedException {
    for (Thread thread : threads) {
      thread.join();
    }
  }

  public List<FsBatchClient> drivers() {
    return drivers;
  }

  public int acknowledged() {
    return drivers.stream().mapToInt(FsBatchClient::acknowledged).sum();
  }
}
