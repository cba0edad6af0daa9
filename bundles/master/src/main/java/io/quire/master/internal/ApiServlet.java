package io.quire.master.internal;

import io.quire.journal.JournalClosedException;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client API, {@code /api/v1/*} (see {@code docs/client-api.md}): reads are GETs served from
 * a snapshot without locks, mutations are POSTs with a JSON body answered once durable. Exists
 * only while the master serves: it needs the {@link Namespace} service, which
 * {@link MasterService} registers after recovery.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/api/v1/*")
@HttpWhiteboardServletName("quire-client-api")
public final class ApiServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final transient Namespace namespace;
  private final transient ReadEndpoints reads;

  @Activate
  public ApiServlet(@Reference Namespace namespace) {
    this.namespace = namespace;
    this.reads = new ReadEndpoints(namespace);
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try {
      reads.handle(endpoint(req), req, resp);
    } catch (NamespaceException e) {
      sendError(resp, ApiError.of(e));
    } catch (BadRequestException e) {
      sendError(resp, ApiError.badRequest(e.getMessage()));
    }
  }

  @Override
  protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    try {
      long sequence = mutate(endpoint(req), RequestBody.parse(readBody(req)));
      sendJson(resp, 200, "{\"sequence\":" + sequence + "}");
    } catch (NamespaceException e) {
      sendError(resp, ApiError.of(e));
    } catch (BadRequestException e) {
      sendError(resp, ApiError.badRequest(e.getMessage()));
    } catch (MasterUnavailableException | JournalClosedException e) {
      sendError(resp, ApiError.unavailable(e.getMessage()));
    } catch (NotDurableException e) {
      LOG.error("Mutation outcome unknown: {}", e.getMessage(), e);
      sendError(resp, ApiError.notDurable(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sendError(resp, ApiError.unavailable("interrupted while waiting for the journal"));
    }
  }

  private long mutate(String endpoint, RequestBody body)
      throws NamespaceException, BadRequestException, IOException, InterruptedException {
    String owner = NamespaceSnapshot.ROOT_OWNER;
    switch (endpoint) {
      case "mkdir":
        return namespace.mkdir(body.path("path"), body.flag("parents"), body.owner(owner),
            body.mode(RequestBody.DIRECTORY_MODE));
      case "touch":
        return namespace.createFile(body.path("path"), body.owner(owner),
            body.mode(RequestBody.FILE_MODE));
      case "rename":
        return namespace.rename(body.path("src"), body.path("dst"));
      case "delete":
        return namespace.delete(body.path("path"), body.flag("recursive"));
      case "setattr":
        return namespace.setAttributes(body.path("path"), body.owner(null), body.mode(-1),
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
    try (InputStream in = req.getInputStream()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new BadRequestException("request body larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  static void sendError(HttpServletResponse resp, ApiError error) throws IOException {
    StringBuilder b = new StringBuilder(128);
    JsonWriter json = new JsonWriter(b);
    json.beginObject().name("code").value(error.code()).name("message").value(error.message());
    if (error.path() != null) {
      json.name("path").value(error.path());
    }
    json.endObject();
    sendJson(resp, error.status(), b.toString());
  }

  static void sendJson(HttpServletResponse resp, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.setCharacterEncoding("UTF-8");
    resp.setContentLength(bytes.length);
    resp.getOutputStream().write(bytes);
  }
}
