package io.quire.master.internal;

/**
 * An error answer of the client API: HTTP status, machine-readable code, message, and the path
 * at fault when there is one.
 */
record ApiError(int status, String code, String message, String path) {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiError.class);

  static ApiError of(NamespaceException e) {
    int status = switch (e.code()) {
      case NOT_FOUND -> 404;
      case ALREADY_EXISTS, DIRECTORY_NOT_EMPTY, NOT_A_DIRECTORY -> 409;
      case INVALID_PATH -> 400;
    };
    return new ApiError(status, e.code().name(), e.getMessage(), e.path());
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BAD_REQUEST", message, null);
  }

  /** Nothing was done; trying again later may succeed. */
  static ApiError unavailable(String message) {
    return new ApiError(503, "UNAVAILABLE", message, null);
  }

  /** Applied but maybe not durable: the client cannot know whether it happened. */
  static ApiError notDurable(String message) {
    return new ApiError(500, "NOT_DURABLE", message, null);
  }

  /**
   * A mutation applied and journaled whose entry did not become durable: 503 while the journal
   * storage is failing (the journal retries; the client may try again later), else 500. Logged
   * here at ERROR only for a failed journal: an outage is logged once, by the journal.
   */
  static ApiError notDurable(NotDurableException e) {
    if (e.getCause() instanceof io.quire.journal.StorageUnavailableException) {
      LOG.debug("Mutation outcome unknown: {}", e.getMessage());
      return new ApiError(503, "NOT_DURABLE", e.getMessage(), null);
    }
    LOG.error("Mutation outcome unknown: {}", e.getMessage(), e);
    return notDurable(e.getMessage());
  }

  static ApiError noSuchEndpoint(String method, String endpoint) {
    return new ApiError(404, "NO_SUCH_ENDPOINT", "no endpoint " + method + " /api/v1/"
        + endpoint, null);
  }
}
