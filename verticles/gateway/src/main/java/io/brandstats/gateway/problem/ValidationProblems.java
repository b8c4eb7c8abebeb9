package io.brandstats.gateway.problem;

import io.brandstats.common.Problem;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorErrorType;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.Comparator;
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
      Map<String, String> errors = bodyErrors(meantBranches(leaves(schema.getOutputUnit())));
      if (errors.isEmpty()) {
        return problem.withFieldError("body", "", "does not match the contract");
      }
      errors.forEach((field, detail) -> problem.withFieldError("body", field, detail));
      return problem;
    }
    return problem.withFieldError("body", "", bodyReason(invalid.type()));
  }

  /**
   * One message per failing field, the most specific one: the validator also reports the keywords that
   * merely contain a failure ($ref, properties), and flags a declared property that failed its own schema
   * (or a property of which failed) as "additional" too.
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
        if (!declared(errors, error.getInstanceLocation())) {
          unknown.put(field, "is not a property of this object");
        }
      } else if (!CONTAINERS.contains(keyword)) {
        specific.putIfAbsent(field, error.getError());
      }
    }
    unknown.forEach(specific::putIfAbsent);
    return specific;
  }

  /**
   * Where the body matched none of a oneOf's (or anyOf's) alternatives, only the errors of the alternative it was
   * meant as: the one whose shape it has (fewest missing properties, unknown properties and wrong types at that
   * place), then the one with fewest errors. The validator reports every alternative's errors, so one bad sale in
   * a batch would otherwise also read as a single sale missing all its fields.
   */
  private static List<OutputUnit> meantBranches(List<OutputUnit> errors) {
    List<OutputUnit> kept = new ArrayList<>(errors);
    for (OutputUnit choice : errors) {
      String keyword = lastSegment(choice.getKeywordLocation());
      if (!"oneOf".equals(keyword) && !"anyOf".equals(keyword)) {
        continue;
      }
      String prefix = choice.getKeywordLocation() + "/";
      Map<String, List<OutputUnit>> branches = new LinkedHashMap<>();
      for (OutputUnit error : errors) {
        String location = error.getKeywordLocation();
        if (location != null && location.startsWith(prefix)) {
          String rest = location.substring(prefix.length());
          int slash = rest.indexOf('/');
          branches.computeIfAbsent(slash < 0 ? rest : rest.substring(0, slash), branch -> new ArrayList<>()).add(error);
        }
      }
      if (branches.size() > 1) {
        String at = choice.getInstanceLocation();
        String meant = branches.entrySet().stream()
          .min(Comparator.<Map.Entry<String, List<OutputUnit>>>comparingLong(branch -> shapeErrors(branch.getValue(), at))
            .thenComparingInt(branch -> branch.getValue().size()))
          .orElseThrow().getKey();
        kept.removeIf(error -> error.getKeywordLocation() != null && error.getKeywordLocation().startsWith(prefix)
          && !error.getKeywordLocation().startsWith(prefix + meant + "/"));
      }
    }
    return kept;
  }

  /** Errors saying the value at {@code at} is not this alternative's kind of thing at all. */
  private static long shapeErrors(List<OutputUnit> branch, String at) {
    return branch.stream().filter(error -> {
      String keyword = lastSegment(error.getKeywordLocation());
      String place = String.valueOf(error.getInstanceLocation());
      if ("required".equals(keyword) || "type".equals(keyword)) {
        return place.equals(at);
      }
      return "additionalProperties".equals(keyword) && place.startsWith(at + "/")
        && place.indexOf('/', at.length() + 1) < 0 && !declared(branch, place);
    }).count();
  }

  /**
   * The validator also flags a declared property that failed its own schema as additional; such a property has
   * a "properties" error at its place.
   */
  private static boolean declared(List<OutputUnit> errors, String place) {
    return errors.stream().anyMatch(other -> "properties".equals(lastSegment(other.getKeywordLocation()))
      && String.valueOf(place).equals(other.getInstanceLocation()));
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
