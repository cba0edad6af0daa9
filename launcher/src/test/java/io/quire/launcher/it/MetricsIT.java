package io.quire.launcher.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.launcher.config.SiteConfig;
import io.quire.launcher.config.SiteConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of a real master: the Prometheus scrape on the web port, parsed line by line, and
 * the same meters as MBeans of Micrometer's JMX registry over the remote connector.
 */
class MetricsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  /** One sample line of the Prometheus text format 0.0.4: name, optional labels, value. */
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? "
          + "([-+]?(?:[0-9.]+(?:[eE][-+]?[0-9]+)?|NaN|Inf))");
  private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");

  @TempDir
  Path home;

  private QuireCommand quire;
  private Path conf;

  @AfterEach
  void stop() throws Exception {
    if (conf != null) {
      quire.run(conf, "stop");
    }
    quire.killLeftovers();
  }

  @Test
  void prometheusAndJmxShowTheJournalClientCheckpointAndBackupMeters() throws Exception {
    quire = new QuireCommand(home);
    conf = quire.configure("conf");
    assertEquals(0, quire.run(conf, "format").exit());
    QuireCommand.Result start = quire.run(conf, "start");
    assertEquals(0, start.exit(), start::toString);
    SiteConfig config = SiteConfigLoader.load(conf, home);
    URI metrics = URI.create("http://127.0.0.1:" + config.webPort() + "/metrics");

    // the registries are made off the start path: /metrics answers 503 for a moment after a start
    AtomicReference<Map<String, Double>> first = new AtomicReference<>();
    await().atMost(PATIENCE).untilAsserted(() -> first.set(scrape(metrics)));
    Map<String, Double> before = first.get();
    quire.mkdirs(conf, "/m", 40);
    assertEquals(0, quire.run(conf, "fs", "stat", "/m0").exit());
    QuireCommand.Result checkpoint = quire.run(conf, "fsadmin", "checkpoint");
    assertEquals(0, checkpoint.exit(), checkpoint::toString);
    QuireCommand.Result backup = quire.run(conf, "fsadmin", "backup");
    assertEquals(0, backup.exit(), backup::toString);

    await().atMost(PATIENCE).untilAsserted(() -> {
      Map<String, Double> after = scrape(metrics);
      assertTrue(delta(before, after, "quire_journal_appends_total") >= 40, "appends: " + after);
      assertEquals(40.0, delta(before, after, "quire_client_requests_seconds_count{operation=\"mkdir\",outcome=\"ok\"}"));
      assertEquals(1.0, delta(before, after, "quire_client_requests_seconds_count{operation=\"stat\",outcome=\"ok\"}"));
      assertTrue(after.get("quire_journal_sync_seconds_count") >= 1);
      assertTrue(after.get("quire_journal_sync_seconds_bucket{le=\"+Inf\"}") >= 1, "a sync latency histogram");
      assertTrue(after.get("quire_journal_batch_entries_sum") >= 40, "group-commit batch sizes");
      assertTrue(after.get("quire_journal_log_bytes") > 0);
      assertEquals(0.0, after.get("quire_journal_entries_since_checkpoint"), "the checkpoint covers every entry");
      assertEquals(1.0, after.get("quire_checkpoint_seconds_count{result=\"ok\"}"));
      assertEquals(1.0, after.get("quire_backup_seconds_count{result=\"ok\"}"));
      assertTrue(after.keySet().stream().anyMatch(k -> k.startsWith("jvm_memory_used_bytes{")), "JVM meters");
      assertEquals(1.0, after.get("quire_journal_storage_available"));
      assertEquals(1.0, after.get("quire_journal_healthy"));
    });

    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(config.jmxServiceUrl()))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      Set<ObjectName> appends = server.queryNames(new ObjectName("quire.metrics:name=quireJournalAppends,*"), null);
      assertEquals(1, appends.size(), () -> "quire.metrics MBeans: " + names(server));
      assertTrue(((Number) server.getAttribute(appends.iterator().next(), "Count")).longValue() >= 40);
      Set<ObjectName> sync = server.queryNames(new ObjectName("quire.metrics:name=quireJournalSync,*"), null);
      assertEquals(1, sync.size(), () -> "quire.metrics MBeans: " + names(server));
      assertTrue(((Number) server.getAttribute(sync.iterator().next(), "99thPercentile")).doubleValue() >= 0);
    }
    assertFalse(Files.readString(quire.logFile(conf)).contains(" ERROR "), "no errors in the log");
  }

  private static String names(MBeanServerConnection server) {
    try {
      return server.queryNames(new ObjectName("quire.metrics:*"), null).toString();
    } catch (Exception e) {
      return "(unreadable: " + e + ")";
    }
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    assertTrue(after.containsKey(series), () -> series + " is not scraped: " + after.keySet());
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  /** Scrapes and parses; fails on any line that is not a sample, HELP or TYPE. */
  private static Map<String, Double> scrape(URI uri) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response::body);
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
        () -> "content type " + response.headers());
    Map<String, Double> samples = new HashMap<>();
    for (String line : response.body().split("\n")) {
      if (line.startsWith("#")) {
        assertTrue(COMMENT.matcher(line).matches(), () -> "not a HELP or TYPE line: " + line);
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertTrue(sample.matches(), () -> "not a sample line: " + line);
      String labels = sample.group(2) == null ? "" : sample.group(2).replace(",}", "}");
      samples.put(sample.group(1) + labels, Double.parseDouble(sample.group(3).replace("Inf", "Infinity")));
    }
    return samples;
  }
}
