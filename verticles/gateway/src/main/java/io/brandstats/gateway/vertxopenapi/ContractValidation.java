package io.brandstats.gateway.vertxopenapi;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

/**
 * The contract's request validation as the gateway runs it: the library's checks, with values decoded
 * once ({@link SingleDecodingExtractor}), one validator per schema ({@link ReusedValidators}) and small
 * requests checked on the event loop ({@link InlineRequestValidator}). Each of those says which
 * vertx-openapi behaviour it works around and from which release it is no longer needed.
 */
public final class ContractValidation {

  private final OpenAPIContract contract;
  private final SingleDecodingExtractor extractor = new SingleDecodingExtractor();
  private final InlineRequestValidator validator;

  public ContractValidation(Vertx vertx, OpenAPIContract contract) {
    this.contract = ReusedValidators.of(contract);
    this.validator = new InlineRequestValidator(vertx, this.contract);
  }

  /** A router builder for the contract; each route's own validation is to be turned off for {@link #handler}. */
  public RouterBuilder routerBuilder(Vertx vertx) {
    return RouterBuilder.create(vertx, contract, extractor);
  }

  /** The route handler that validates an operation's requests and hands the result on as the router's own would. */
  public Handler<RoutingContext> handler(Operation operation) {
    return validator.handler(extractor, operation);
  }
}
