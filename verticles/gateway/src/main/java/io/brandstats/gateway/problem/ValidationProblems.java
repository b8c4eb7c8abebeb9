package io.brandstats.gateway.problem;

import io.brandstats.common.Problem;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the contract validator's verdict into a 400 (or 415) problem that names the failing fields. */
final class ValidationProblems {

  private static final Pattern REQUIRED = Pattern.compile("required property \"([^\"]+)\"");
  private static final Set<String> CONTAINERS = Set.of("$ref", "properties", "allOf", "anyOf", "oneOf", "items",
    "prefixItems", "patternProperties", "dependentSchemas", "then", "else", "not");
  /** vertx-openapi names a failing parameter only in its message: "... query parameter limit ...". */
  private static final Pattern PARAMETER = Pattern.compile("(path|query|header|cookie) parameter ([^\\s.]+)");

  private ValidationProblems() {
  }

  static Problem of(ValidatorException invalid) {
    String message = invalid.getMessage() == null ? "" : invalid.getMessage();
    boolean aboutBody = !PARAMETER.matcher(message).find();
    if (invalid.type() == ValidatorErrorType.UNSUPPORTED_VALUE_FORMAT && aboutBody) {
      return Problem.of(415, "The request body must be application/json.");
    }
    Problem problem = Problem.badRequest("The request does not match the contract.");
    Matcher parameter = PARAMETER.matcher(message);
    if (parameter.find()) {
      return problem.withFieldError(parameter.group(1), parameter.group(2), reason(invalid, message));
    }
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      bodyErrors(leaves(schema.getOutputUnit())).forEach((field, detail) -> problem.withFieldError("body", field, detail));
      return problem;
    }
    return problem.withFieldError("body", "", bodyReason(invalid.type()));
  }

  /**
   * One message per failing field, the most specific one: the validator also reports the keywords that
   * merely contain a failure ($ref, properties), and flags a declared property that failed its own schema
   * as "additional" too.
   */
  private static Map<String, String> bodyErrors(List<OutputUnit> errors) {
    Map<String, String> specific = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (OutputUnit error : errors) {
      String keyword = lastSegment(error.getKeywordLocation());
      String field = pointer(error.getInstanceLocation());
      Matcher required = REQUIRED.matcher(String.valueOf(error.getError()));
      if ("required".equals(keyword) && required.find()) {
        specific.putIfAbsent(field + "/" + required.group(1), "is required");
      } else if ("additionalProperties".equals(keyword)) {
        unknown.put(field, "is not a property of this object");
      } else if (!CONTAINERS.contains(keyword)) {
        specific.putIfAbsent(field, error.getError());
      }
    }
    unknown.forEach(specific::putIfAbsent);
    return specific;
  }

  private static String lastSegment(String keywordLocation) {
    if (keywordLocation == null) {
      return "";
    }
    return keywordLocation.substring(keywordLocation.lastIndexOf('/') + 1);
  }

  private static List<OutputUnit> leaves(OutputUnit unit) {
    List<OutputUnit> errors = unit.getErrors();
    return errors == null || errors.isEmpty() ? List.of(unit) : errors;
  }

  private static String reason(ValidatorException invalid, String message) {
    if (invalid instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
      OutputUnit first = leaves(schema.getOutputUnit()).get(0);
      if (first.getError() != null) {
        return first.getError();
      }
    }
    return switch (invalid.type()) {
      case MISSING_REQUIRED_PARAMETER -> "is required";
      case ILLEGAL_VALUE, INVALID_VALUE_FORMAT -> "has a value of the wrong type or format";
      default -> message;
    };
  }

  private static String bodyReason(ValidatorErrorType type) {
    return switch (type) {
      case MISSING_REQUIRED_PARAMETER -> "a JSON body is required";
      case ILLEGAL_VALUE, INVALID_VALUE_FORMAT -> "is not well-formed JSON";
      default -> "does not match the contract";
    };
  }

  /** "#/name" or "/name" to the JSON pointer "/name"; the whole body is "". */
  private static String pointer(String instanceLocation) {
    if (instanceLocation == null) {
      return "";
    }
    return instanceLocation.startsWith("#") ? instanceLocation.substring(1) : instanceLocation;
  }
}
