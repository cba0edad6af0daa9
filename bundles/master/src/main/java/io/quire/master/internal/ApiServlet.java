package io.quire.master.internal;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.quire.journal.JournalClosedException;
import io.quire.journal.StorageUnavailableException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The client API, {@code /api/v1/*} (see {@code docs/client-api.md}): reads are GETs served from
 * a snapshot without locks, mutations are POSTs with a JSON body answered once durable. Exists
 * only while the master serves: it needs the {@link Namespace} service, which
 * {@link MasterService} registers after recovery.
 *
 * <p>A mutation's request thread applies and journals it, then suspends the request and leaves
 * the answer to the {@link DurableAcknowledger}, which writes it once the entry is durable (in a
 * container without async support the request thread waits itself).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletName("quire-client-api")
@HttpWhiteboardServletAsyncSupported
public final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final transient Namespace namespace;
  private final transient ReadEndpoints reads;
  private final transient DurableAcknowledger acknowledger;
  private final transient ClientApiMetrics metrics;
  private final transient ServiceRegistration<MeterBinder> metricsRegistration;

  /** Registers its latency meters as a {@link MeterBinder} service for the metrics bundle. */
  @Activate
  public ApiServlet(@Reference Namespace namespace, BundleContext context) {
    this(namespace, context, new ClientApiMetrics());
  }

  /** Without a framework (tests): latency recorded only where {@code metrics} was bound. */
  ApiServlet(Namespace namespace, ClientApiMetrics metrics) {
    this(namespace, null, metrics);
  }

  private ApiServlet(Namespace namespace, BundleContext context, ClientApiMetrics metrics) {
    this.namespace = namespace;
    this.reads = new ReadEndpoints(namespace);
    this.acknowledger = new DurableAcknowledger(namespace);
    this.metrics = metrics;
    this.metricsRegistration = context == null ? null
        : context.registerService(MeterBinder.class, metrics, null);
  }

  /** Answers the mutations already journaled before the servlet goes. */
  @Deactivate
  void deactivate() throws InterruptedException {
    if (metricsRegistration != null) {
      metricsRegistration.unregister();
    }
    acknowledger.stop();
    metrics.unbind();
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    long start = System.nanoTime();
    String endpoint = endpoint(req);
    int status = 500; // unless answered: an exception leaving here becomes the container's 500
    try {
      reads.handle(endpoint, req, resp);
      status = resp.getStatus();
    } catch (NamespaceException e) {
      status = sendError(resp, ApiError.of(e));
    } catch (BadRequestException e) {
      status = sendError(resp, ApiError.badRequest(e.getMessage()));
    } finally {
      metrics.record(endpoint, status, start);
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    long start = System.nanoTime();
    String endpoint = endpoint(req);
    boolean answeredLater = false;
    int status = 500; // unless answered: an exception leaving here becomes the container's 500
    try {
      long sequence = append(endpoint, RequestBody.parse(readBody(req)));
      if (sequence > 0 && req.isAsyncSupported()) {
        AsyncContext async = req.startAsync();
        async.addListener(new Answered(endpoint, start));
        answeredLater = true;
        acknowledger.submit(sequence, async);
      } else {
        sendJson(resp, 200, "{\"sequence\":" + namespace.awaitDurable(sequence) + "}");
        status = 200;
      }
    } catch (NamespaceException e) {
      status = sendError(resp, ApiError.of(e));
    } catch (BadRequestException e) {
      status = sendError(resp, ApiError.badRequest(e.getMessage()));
    } catch (MasterUnavailableException | JournalClosedException | StorageUnavailableException e) {
      status = sendError(resp, ApiError.unavailable(e.getMessage()));
    } catch (NotDurableException e) {
      status = sendError(resp, ApiError.notDurable(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = sendError(resp, ApiError.unavailable("interrupted while waiting for the journal"));
    } finally {
      if (!answeredLater) {
        metrics.record(endpoint, status, start);
      }
    }
  }

  /**
   * Records a mutation answered by the acknowledger once it completes the request; a request whose
   * connection failed while it waited counts as a server error, once.
   */
  private final class Answered implements AsyncListener {
    private final String endpoint;
    private final long start;
    private boolean failed;

    Answered(String endpoint, long start) {
      this.endpoint = endpoint;
      this.start = start;
    }

    @Override
    public synchronized void onComplete(AsyncEvent event) {
      if (!failed) {
        int status = event.getSuppliedResponse() instanceof HttpServletResponse r ? r.getStatus() : 500;
        metrics.record(endpoint, status, start);
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // no timeout is set: the acknowledger completes every request it holds
    }

    @Override
    public synchronized void onError(AsyncEvent event) {
      if (!failed) {
        failed = true;
        metrics.record(endpoint, 500, start);
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // never restarted
    }
  }


  /** Applies and journals the mutation; see {@link Namespace#appendMkdir}. */
  private long append(String endpoint, RequestBody body)
      throws NamespaceException, BadRequestException, IOException {
    String owner = NamespaceSnapshot.ROOT_OWNER;
    switch (endpoint) {
      case "mkdir":
        return namespace.appendMkdir(body.path("path"), body.flag("parents"),
            body.owner(owner), body.mode(RequestBody.DIRECTORY_MODE));
      case "touch":
        return namespace.appendCreateFile(body.path("path"), body.owner(owner),
            body.mode(RequestBody.FILE_MODE));
      case "rename":
        return namespace.appendRename(body.path("src"), body.path("dst"));
      case "delete":
        return namespace.appendDelete(body.path("path"), body.flag("recursive"));
      case "setattr":
        return namespace.appendSetAttributes(body.path("path"), body.owner(null), body.mode(-1),
            body.millis("mtimeMillis"));
      default:
        throw new BadRequestException("no mutation '" + endpoint + "'; POST one of mkdir, "
            + "touch, rename, delete, setattr");
    }
  }

  private static String endpoint(HttpServletRequest req) {
    String info = req.getPathInfo();
    return info == null ? "" : info.startsWith("/") ? info.substring(1) : info;
  }

  private static String readBody(HttpServletRequest req) throws IOException, BadRequestException {
    int declared = req.getContentLength();
    if (declared > MAX_BODY_BYTES) {
      throw new BadRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    try (InputStream in = req.getInputStream()) {
      // With a Content-Length (the container holds the client to it), one exact read.
      byte[] bytes = in.readNBytes(declared >= 0 ? declared : MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BadRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** Answers with the error; returns its status. */
  static int sendError(HttpServletResponse resp, ApiError error) throws IOException {
    StringBuilder b = new StringBuilder(128);
    JsonWriter json = new JsonWriter(b);
    json.beginObject().name("code").value(error.code()).name("message").value(error.message());
    if (error.path() != null) {
      json.name("path").value(error.path());
    }
    json.endObject();
    sendJson(resp, error.status(), b.toString());
    return error.status();
  }

  static void sendJson(HttpServletResponse resp, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json;charset=utf-8"); // a type Jetty knows, not parsed
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
