package io.brandstats.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.brandstats.common.DbConfig;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Read replicas: none by default; a replica named by host takes the primary's other settings")
class ReplicaConfigsTest {

  private static final DbConfig PRIMARY = new DbConfig("brand-db.internal", 3307, "brand", "brand_user", "s3cret", 8);

  @Test
  @DisplayName("by default no service has a replica, and the shared lag limit is 5 seconds")
  void noneByDefault() {
    JsonObject config = ConfigLoader.load(null, Map.of());
    for (String service : new String[] {"brand", "store", "product", "stats"}) {
      assertThat(ReplicaConfigs.of(config, service, PRIMARY)).as(service).isNull();
    }
    assertThat(config.getJsonObject("db").getJsonObject("replica").getInteger("maxLagSeconds")).isEqualTo(5);
  }

  @Test
  @DisplayName("a replica set through the environment by host alone uses the primary's port, database, user and password")
  void hostFromEnvironment() {
    JsonObject config = ConfigLoader.load(null, Map.of(
      "BRANDSTATS_BRAND_DB_REPLICA_HOST", "brand-db-replica.internal",
      "BRANDSTATS_DB_REPLICA_MAX_LAG_SECONDS", "3"));
    JsonObject replica = ReplicaConfigs.of(config, "brand", PRIMARY);
    assertThat(DbConfig.from(replica.getJsonObject("db")))
      .isEqualTo(new DbConfig("brand-db-replica.internal", 3307, "brand", "brand_user", "s3cret", 8));
    assertThat(replica.getInteger("maxLagSeconds")).isEqualTo(3);
    assertThat(ReplicaConfigs.of(config, "store", PRIMARY)).as("only the service named").isNull();
  }

  @Test
  @DisplayName("a replica's own port, user, password and database win over the primary's")
  void ownSettings() {
    JsonObject config = ConfigLoader.load(null, Map.of(
      "BRANDSTATS_STATS_DB_REPLICA_HOST", "10.0.0.9",
      "BRANDSTATS_STATS_DB_REPLICA_PORT", "3310",
      "BRANDSTATS_STATS_DB_REPLICA_USER", "reader",
      "BRANDSTATS_STATS_DB_REPLICA_PASSWORD", "other",
      "BRANDSTATS_STATS_DB_REPLICA_DATABASE", "stats_copy"));
    assertThat(DbConfig.from(ReplicaConfigs.of(config, "stats", PRIMARY).getJsonObject("db")))
      .isEqualTo(new DbConfig("10.0.0.9", 3310, "stats_copy", "reader", "other", 8));
  }
}
