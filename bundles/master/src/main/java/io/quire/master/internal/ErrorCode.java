package io.quire.master.internal;

/** Why a namespace operation was refused. The client API sends the name as the error code. */
enum ErrorCode {
  ALREADY_EXISTS,
  NOT_FOUND,
  NOT_A_DIRECTORY,
  DIRECTORY_NOT_EMPTY,
  INVALID_PATH
}
