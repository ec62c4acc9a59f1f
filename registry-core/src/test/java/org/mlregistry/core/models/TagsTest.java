package org.mlregistry.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlregistry.core.error.NotFoundException;
import org.mlregistry.schema.types.TagCategory;

class TagsTest extends ModelsTestSupport {

    @Test
    void findsModelsCarryingEveryTag() {
        inRollback((models, ctx) -> {
            Model a = model(models);
            Model b = model(models);
            String project = unique("project");
            TagRef nlp = TagRef.of(TagCategory.DOMAIN, "nlp");
            TagRef mine = TagRef.of(TagCategory.PROJECT, project);
            TagRef critical = TagRef.of(TagCategory.PRIORITY, "critical");
            models.tags().tagModel(a.modelId(), nlp);
            models.tags().tagModel(a.modelId(), mine);
            models.tags().tagModel(a.modelId(), mine); // no-op
            models.tags().tagModel(b.modelId(), mine);
            models.tags().tagModel(b.modelId(), critical);

            assertThat(models.tags().ofModel(a.modelId())).containsExactly(nlp, mine);
            assertThat(models.tags().findModels(Set.of(mine))).extracting(Model::modelId)
                    .containsExactlyInAnyOrder(a.modelId(), b.modelId());
            assertThat(models.tags().findModels(Set.of(mine, nlp))).extracting(Model::modelId).containsExactly(a.modelId());
            assertThat(models.tags().findModels(Set.of(mine, nlp, critical))).isEmpty();

            assertThat(models.tags().untagModel(a.modelId(), nlp)).isTrue();
            assertThat(models.tags().untagModel(a.modelId(), nlp)).isFalse();
            assertThat(models.tags().findModels(List.of(mine, nlp))).isEmpty();
            assertThat(models.audit().of(a.modelId())).extracting(AuditEntry::action)
                    .containsExactly("create", "tag", "tag", "untag");

            Dataset ds = models.catalog().createDataset(NewDataset.of(unique("ds"), "DS", "s3://ds"));
            models.tags().tagDataset(ds.datasetId(), TagRef.of(TagCategory.REGION, "eu"));
            assertThat(models.tags().ofDataset(ds.datasetId())).containsExactly(TagRef.of(TagCategory.REGION, "eu"));
            assertThat(catchThrowableOfType(NotFoundException.class,
                    () -> models.tags().tagModel(UUID.randomUUID(), nlp)).entity()).isEqualTo("model");
            return null;
        });
    }
}
