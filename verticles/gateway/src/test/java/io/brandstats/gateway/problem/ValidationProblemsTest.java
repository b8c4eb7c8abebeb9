package io.brandstats.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.Problem;
import io.brandstats.gateway.ContractLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaValidationException;
import io.vertx.json.schema.OutputUnit;
import io.vertx.junit5.VertxExtension;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidationContext;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verdicts made the way vertx-openapi makes them (its schema validator on the contract's own schemas, its
 * exception factories), turned into problems.
 */
@ExtendWith(VertxExtension.class)
@DisplayName("The contract validator's verdicts become a 400 (or 415) naming each failing field once")
class ValidationProblemsTest {

  private static OpenAPIContract contract;

  @BeforeAll
  static void loadContract(Vertx vertx) {
    contract = ContractLoader.load(vertx, "").await();
  }

  /** What the library throws for this body of this operation: its schema's output unit, as an invalid body. */
  private static ValidatorException bodyVerdict(String operationId, Object body) {
    JsonSchema schema = contract.operation(operationId).getRequestBody().getContent().get("application/json").getSchema();
    return schemaVerdict(schema, body, (result, cause) ->
      SchemaValidationException.createInvalidValueBody(result, ValidationContext.REQUEST, cause));
  }

  /** What the library throws for this value of a parameter of this operation. */
  private static ValidatorException parameterVerdict(String operationId, String name, Object value) {
    Parameter parameter = parameter(operationId, name);
    return schemaVerdict(parameter.getSchema(), value, (result, cause) ->
      SchemaValidationException.createErrorFromOutputUnitType(parameter, result, cause));
  }

  private interface Verdict {
    ValidatorException of(OutputUnit result, JsonSchemaValidationException cause);
  }

  private static ValidatorException schemaVerdict(JsonSchema schema, Object value, Verdict verdict) {
    OutputUnit result = contract.getSchemaRepository().validator(schema).validate(value);
    try {
      result.checkValidity();
    } catch (JsonSchemaValidationException invalid) {
      return verdict.of(result, invalid);
    }
    throw new AssertionError(value + " is valid");
  }

  private static Parameter parameter(String operationId, String name) {
    return contract.operation(operationId).getParameters().stream()
      .filter(parameter -> parameter.getName().equals(name)).findFirst().orElseThrow();
  }

  /** The problem's errors as "in field" → detail, in order. */
  private static Map<String, String> errors(Problem problem) {
    Map<String, String> errors = new LinkedHashMap<>();
    JsonArray list = problem.toJson().getJsonArray("errors");
    for (Object entry : list) {
      JsonObject error = (JsonObject) entry;
      errors.put(error.getString("in") + " " + error.getString("field"), error.getString("detail"));
    }
    return errors;
  }

  @Test
  @DisplayName("a body missing a field, with a bad value and an unknown property: one error for each, by JSON pointer")
  void eachBodyFieldOnce() {
    Problem problem = ValidationProblems.of(bodyVerdict("createBrand",
      new JsonObject().put("country", "de").put("founded", 1970)));

    assertThat(problem.status()).isEqualTo(400);
    Map<String, String> errors = errors(problem);
    assertThat(errors).containsOnlyKeys("body /name", "body /country", "body /founded");
    assertThat(errors.get("body /name")).isEqualTo("is required");
    assertThat(errors.get("body /founded")).isEqualTo("is not a property of this object");
    assertThat(errors.get("body /country")).isNotBlank().isNotEqualTo("is not a property of this object");
  }

  @Test
  @DisplayName("a declared property that fails its own schema is not also reported as unknown")
  void declaredPropertyIsNotUnknown() {
    Map<String, String> errors = errors(ValidationProblems.of(bodyVerdict("createBrand",
      new JsonObject().put("name", "").put("country", "DE"))));
    assertThat(errors).containsOnlyKeys("body /name");
    assertThat(errors.get("body /name")).isNotEqualTo("is not a property of this object");
  }

  @Test
  @DisplayName("a body of the wrong JSON type is an error on the whole body")
  void wrongBodyType() {
    assertThat(errors(ValidationProblems.of(bodyVerdict("createBrand", new JsonArray())))).containsOnlyKeys("body ");
  }

  @Test
  @DisplayName("a parameter off its schema is named with where it was sent, and the schema's reason")
  void parameterOffSchema() {
    Map<String, String> errors = errors(ValidationProblems.of(parameterVerdict("listBrands", "limit", 0)));
    assertThat(errors).containsOnlyKeys("query limit");
    assertThat(errors.get("query limit")).contains("0");
  }

  @Test
  @DisplayName("a missing required parameter is named as required")
  void missingParameter() {
    ValidatorException missing = ValidatorException.createMissingRequiredParameter(parameter("getBrand", "id"));
    assertThat(errors(ValidationProblems.of(missing))).containsExactly(Map.entry("path id", "is required"));
  }

  @Test
  @DisplayName("a body of a media type the operation does not take is a 415; a parameter style it cannot read stays a 400")
  void unsupportedFormat() {
    ValidatorException body = new ValidatorException("The format of the request body is not supported",
      ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT);
    assertThat(ValidationProblems.of(body).status()).isEqualTo(415);

    ValidatorException style = ValidatorException.createUnsupportedValueFormat(parameter("listBrands", "q"));
    assertThat(errors(ValidationProblems.of(style))).containsOnlyKeys("query q");
  }

  @Test
  @DisplayName("a body that is missing or not well-formed is an error on the whole body saying which")
  void missingOrMalformedBody() {
    ValidatorException missing = new ValidatorException("The related request does not contain the required body.",
      ValidatorErrorType.MISSING_REQUIRED_PARAMETER);
    assertThat(errors(ValidationProblems.of(missing))).containsExactly(Map.entry("body ", "a JSON body is required"));

    ValidatorException malformed = new ValidatorException("The request body can't be decoded",
      ValidatorErrorType.ILLEGAL_VALUE);
    assertThat(errors(ValidationProblems.of(malformed))).containsExactly(Map.entry("body ", "is not well-formed JSON"));
  }
}
