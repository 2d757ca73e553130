"""Writes the cases of tofu_drift_check.sh: copies of a Terraform state (v4)
edited as a change made outside Terraform would leave them.

    alter_state.py STATE WORKDIR

in-sync.tfstate   the state as it is
changed.tfstate   the bucket's versioning suspended; a tag added to the VPC
missing.tfstate   the bucket's public access block gone
extra.tfstate     a bucket the code does not declare (module.storage.aws_s3_bucket.legacy)
"""
import copy
import json
import sys


def managed(state, type_):
    return next(r for r in state["resources"] if r["mode"] == "managed" and r["type"] == type_)


def save(work, name, state):
    with open(f"{work}/{name}.tfstate", "w") as out:
        json.dump(state, out, indent=2)


def main(path, work):
    with open(path) as f:
        state = json.load(f)
    save(work, "in-sync", state)

    changed = copy.deepcopy(state)
    versioning = managed(changed, "aws_s3_bucket_versioning")["instances"][0]["attributes"]
    versioning["versioning_configuration"][0]["status"] = "Suspended"
    vpc = managed(changed, "aws_vpc")["instances"][0]["attributes"]
    for key in ("tags", "tags_all"):
        vpc[key]["Owner"] = "someone"
    save(work, "changed", changed)

    missing = copy.deepcopy(state)
    missing["resources"] = [r for r in missing["resources"]
                            if r["type"] != "aws_s3_bucket_public_access_block"]
    save(work, "missing", missing)

    extra = copy.deepcopy(state)
    legacy = copy.deepcopy(managed(extra, "aws_s3_bucket"))
    legacy["name"] = "legacy"
    attributes = legacy["instances"][0]["attributes"]
    attributes["bucket"] = attributes["id"] = "minimal-legacy"
    attributes["arn"] = "arn:aws:s3:::minimal-legacy"
    extra["resources"].append(legacy)
    save(work, "extra", extra)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
