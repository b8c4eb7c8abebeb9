package io.brandstats.gateway.protocol;

import io.brandstats.common.Problem;
import io.brandstats.common.RequestIds;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers, on the connection itself, the requests no route should see: a request line longer than
 * http.maxUriLength (414), headers larger than http.maxHeaderSize (431), bytes that are not HTTP (400), an HTTP
 * version other than 1.0 and 1.1 (505, or 400 when it is not HTTP at all) and a method this server does not
 * implement (501). Each answer is problem+json with an HTTP/1.1 status line, the request id and nosniff, then
 * the connection is closed: the rest of what the client sent cannot be trusted to be where a next request starts.
 *
 * <p>Vert.x 5.0.7 would answer these itself, with no body and none of those headers: a refused head with the
 * version Netty gives it (HTTP/1.0), an unknown version with a 501 whose status line repeats the client's version
 * token. So this handler sits in each HTTP/1.x connection's pipeline, in front of Vert.x's, through the connection's
 * Netty context ({@code ConnectionBase}, Vert.x internals).
 */
public final class ProtocolAnswers extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(ProtocolAnswers.class);
  private static final String NAME = "brandstats-protocol-answers";
  /** The methods of RFC 9110 and PATCH: the ones the routes answer, or refuse with 405 and the allowed ones. */
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
    "TRACE", "CONNECT");

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** Set once this connection has been answered: whatever else arrives is dropped until it closes. */
  private boolean answered;

  private ProtocolAnswers() {
  }

  /** For the server's connection handler: HTTP/1.x connections get the handler (HTTP/2 has no such requests). */
  public static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base && base.channelHandlerContext().pipeline().get("handler") != null) {
      base.channelHandlerContext().pipeline().addBefore("handler", NAME, new ProtocolAnswers());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (answered) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpRequest request) {
      Problem problem = problemFor(request);
      if (problem != null) {
        answered = true;
        ReferenceCountUtil.release(msg);
        answer(ctx, request, problem);
        return;
      }
    }
    ctx.fireChannelRead(msg);
  }

  static Problem problemFor(HttpRequest request) {
    DecoderResult decoded = request.decoderResult();
    if (decoded.isFailure()) {
      Throwable cause = decoded.cause();
      return cause instanceof TooLongHttpLineException
        ? Problem.of(414, "The request line (method and URI) is longer than this server accepts.")
        : cause instanceof TooLongHttpHeaderException
          ? Problem.of(431, "The request headers are larger than this server accepts.")
          : Problem.badRequest("The request is not valid HTTP.");
    }
    HttpVersion version = request.protocolVersion();
    if (!"HTTP".equals(version.protocolName())) {
      return Problem.badRequest("The request is not valid HTTP: its version must be HTTP/1.1.");
    }
    if (version.majorVersion() != 1 || version.minorVersion() > 1) {
      return Problem.of(505, "This server speaks HTTP/1.1 (and 1.0); send the request as HTTP/1.1.");
    }
    String method = request.method().name();
    if (!TOKEN.matcher(method).matches()) {
      return Problem.badRequest("The request is not valid HTTP: its method is not a token.");
    }
    if (!METHODS.contains(method)) {
      return Problem.of(501, "The request's method is not one this server implements.");
    }
    return null;
  }

  private static void answer(ChannelHandlerContext ctx, HttpRequest request, Problem problem) {
    boolean head = request.decoderResult().isSuccess() && HttpMethod.HEAD.equals(request.method());
    ByteBuf body = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(problem.toJson().toBuffer().getBytes());
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
      HttpResponseStatus.valueOf(problem.status()), body);
    String clientId = request.decoderResult().isSuccess() ? request.headers().get(RequestIds.HEADER) : null;
    response.headers()
      .set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
      .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
      .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
      .set(RequestIds.HEADER, RequestIds.acceptOrGenerate(clientId))
      .set(EveryAnswer.NOSNIFF_HEADER, "nosniff");
    LOG.debug("Answered {} on the connection from {}: {}", problem.status(), ctx.channel().remoteAddress(),
      problem.toJson().getString("detail"));
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
