package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.jooq.registry.tables.pojos.Datasets;
import org.mlregistry.schema.jooq.registry.tables.pojos.Models;
import org.mlregistry.schema.types.TagCategory;

class TagsTest extends ModelsTestSupport {

    @Test
    void findsModelsCarryingEveryTag() {
        inRollback((models, ctx) -> {
            Models a = model(models);
            Models b = model(models);
            String project = unique("project");
            TagRef nlp = TagRef.of(TagCategory.DOMAIN, "nlp");
            TagRef mine = TagRef.of(TagCategory.PROJECT, project);
            TagRef critical = TagRef.of(TagCategory.PRIORITY, "critical");
            models.tagModel(a.modelId(), nlp);
            models.tagModel(a.modelId(), mine);
            models.tagModel(a.modelId(), mine); // no-op
            models.tagModel(b.modelId(), mine);
            models.tagModel(b.modelId(), critical);

            assertThat(models.modelTags(a.modelId())).containsExactly(nlp, mine);
            assertThat(models.findModelsByTags(Set.of(mine))).extracting(Models::modelId)
                    .containsExactlyInAnyOrder(a.modelId(), b.modelId());
            assertThat(models.findModelsByTags(Set.of(mine, nlp))).extracting(Models::modelId).containsExactly(a.modelId());
            assertThat(models.findModelsByTags(Set.of(mine, nlp, critical))).isEmpty();

            assertThat(models.untagModel(a.modelId(), nlp)).isTrue();
            assertThat(models.untagModel(a.modelId(), nlp)).isFalse();
            assertThat(models.findModelsByTags(List.of(mine, nlp))).isEmpty();
            assertThat(models.auditTrail(a.modelId())).extracting(ModelRegistry.AuditEntry::action)
                    .containsExactly("create", "tag", "tag", "untag");

            Datasets ds = models.createDataset(NewDataset.of(unique("ds"), "DS", "s3://ds"));
            models.tagDataset(ds.datasetId(), TagRef.of(TagCategory.REGION, "eu"));
            assertThat(models.datasetTags(ds.datasetId())).containsExactly(TagRef.of(TagCategory.REGION, "eu"));
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.tagModel(UUID.randomUUID(), nlp)).entity()).isEqualTo("model");
            return null;
        });
    }
}
