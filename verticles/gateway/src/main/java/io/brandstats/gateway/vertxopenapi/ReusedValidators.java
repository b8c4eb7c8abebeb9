package io.brandstats.gateway.vertxopenapi;

import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.SchemaException;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Path;
import io.vertx.openapi.contract.SecurityRequirement;
import io.vertx.openapi.contract.SecurityScheme;
import io.vertx.openapi.contract.Server;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract as the router sees it, with one schema validator per parameter and body schema, made on
 * first use and then reused. vertx-openapi 5.0.7 asks the contract's schema repository for a new
 * validator for every parameter of every request, and each new validator copies the repository's whole
 * lookup table: about a third of the gateway's CPU under load. Validators hold only final fields, so
 * one per schema serves every request. Everything else is the contract itself.
 *
 * <p>Works around {@code RequestValidatorImpl.validateParameter} and {@code BaseValidator} calling
 * {@code getSchemaRepository().validator(schema)} per value, and vertx-json-schema's
 * {@code SchemaValidatorImpl} copying the lookup map in its constructor. Still so in vertx-openapi 5.0.12
 * and 5.1.3 (with vertx-json-schema 5.0.12 and 5.1.3) and on both projects' main branches: drop this class
 * once a release reuses validators per schema.
 */
final class ReusedValidators implements OpenAPIContract {

  private final OpenAPIContract contract;
  private final SchemaRepository schemas;

  private ReusedValidators(OpenAPIContract contract) {
    this.contract = contract;
    this.schemas = new Repository(contract.getSchemaRepository());
  }

  static OpenAPIContract of(OpenAPIContract contract) {
    return new ReusedValidators(contract);
  }

  @Override
  public SchemaRepository getSchemaRepository() {
    return schemas;
  }

  @Override
  public Operation operation(String operationId) {
    return contract.operation(operationId);
  }

  @Override
  public List<Operation> operations() {
    return contract.operations();
  }

  @Override
  public List<Path> getPaths() {
    return contract.getPaths();
  }

  @Override
  public JsonObject getRawContract() {
    return contract.getRawContract();
  }

  @Override
  public OpenAPIVersion getVersion() {
    return contract.getVersion();
  }

  @Override
  public List<Server> getServers() {
    return contract.getServers();
  }

  @Override
  public Path findPath(String urlPath) {
    return contract.findPath(urlPath);
  }

  @Override
  public Operation findOperation(String urlPath, HttpMethod method) {
    return contract.findOperation(urlPath, method);
  }

  @Override
  public List<SecurityRequirement> getSecurityRequirements() {
    return contract.getSecurityRequirements();
  }

  @Override
  public SecurityScheme securityScheme(String name) {
    return contract.securityScheme(name);
  }

  /** The contract's repository; validator(schema) answers the same validator for the same schema object. */
  private static final class Repository implements SchemaRepository {

    private final SchemaRepository repository;
    private final Map<JsonSchema, Validator> validators = Collections.synchronizedMap(new IdentityHashMap<>());

    Repository(SchemaRepository repository) {
      this.repository = repository;
    }

    @Override
    public Validator validator(JsonSchema schema) {
      Validator validator = validators.get(schema);
      if (validator == null) {
        validator = repository.validator(schema);
        validators.put(schema, validator);
      }
      return validator;
    }

    @Override
    public SchemaRepository dereference(JsonSchema schema) throws SchemaException {
      repository.dereference(schema);
      return this;
    }

    @Override
    public SchemaRepository dereference(String uri, JsonSchema schema) throws SchemaException {
      repository.dereference(uri, schema);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs) {
      repository.preloadMetaSchema(fs);
      return this;
    }

    @Override
    public SchemaRepository preloadMetaSchema(FileSystem fs, Draft draft) {
      repository.preloadMetaSchema(fs, draft);
      return this;
    }

    @Override
    public Validator validator(String ref) {
      return repository.validator(ref);
    }

    @Override
    public Validator validator(String ref, JsonSchemaOptions options) {
      return repository.validator(ref, options);
    }

    @Override
    public Validator validator(JsonSchema schema, JsonSchemaOptions options, boolean dereference) {
      return repository.validator(schema, options, dereference);
    }

    @Override
    public JsonObject resolve(JsonObject schema) {
      return repository.resolve(schema);
    }

    @Override
    public JsonSchema find(String pointer) {
      return repository.find(pointer);
    }
  }
}
