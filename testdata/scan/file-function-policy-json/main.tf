# A policy kept in a JSON file and read with file(): the finding points into
# the JSON file.
resource "aws_iam_policy" "from_file" {
  name   = "from-file"
  policy = file("${path.module}/policies/decrypt.json")
}

# A policy file with a syntax error: a located diagnostic, the scan goes on.
resource "aws_iam_policy" "broken" {
  name   = "broken"
  policy = file("${path.module}/policies/broken.json")
}
