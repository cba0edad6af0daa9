package io.quire.master.internal;

/**
 * An error answer of the client API: HTTP status, machine-readable code, message, and the path
 * at fault when there is one.
 */
record ApiError(int status, String code, String message, String path) {

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

  static ApiError noSuchEndpoint(String method, String endpoint) {
    return new ApiError(404, "NO_SUCH_ENDPOINT", "no endpoint " + method + " /api/v1/"
        + endpoint, null);
  }
}
