terraform {
  source = "../../modules//kms-access"
}

# Contents built too large to evaluate: the evaluation limit stops it, and
# the file is not checked.
generate "huge" {
  path      = "huge.tf"
  if_exists = "overwrite"
  contents  = join("\n", [for i in range(1000) : join("", [for j in range(1000) : "# ${i} ${j} padding of a comment line\n"])])
}

inputs = {
  role_name = "huge"
}
