package io.quire.metrics.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The Prometheus scrape endpoint, {@code GET /metrics} on the web port
 * ({@code alluxio.master.web.port}). Answers in the Prometheus text format 0.0.4, or in
 * OpenMetrics when the scraper's {@code Accept} header asks for it.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/metrics")
@HttpWhiteboardServletName("quire-prometheus")
public final class PrometheusEndpoint extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final transient MeterRegistries registries;

  @Activate
  public PrometheusEndpoint(@Reference MeterRegistries registries) {
    this.registries = registries;
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String accept = req.getHeader("Accept");
    String type = accept != null && accept.contains("application/openmetrics-text") ? OPENMETRICS : TEXT_004;
    Optional<String> scrape = registries.scrape(type);
    if (scrape.isEmpty()) {
      resp.setHeader("Retry-After", "1");
      resp.sendError(503, "the metrics registries are starting");
      return;
    }
    byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
    resp.setStatus(200);
    resp.setContentType(type);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }
}
