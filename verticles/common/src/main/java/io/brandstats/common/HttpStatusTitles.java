package io.brandstats.common;

import io.netty.handler.codec.http.HttpResponseStatus;

/** The standard reason phrase of a status, used as a problem's title. */
final class HttpStatusTitles {

  private HttpStatusTitles() {
  }

  static String of(int status) {
    return HttpResponseStatus.valueOf(status).reasonPhrase();
  }
}
