variable "boundary" {
  type = string
}

resource "aws_iam_user" "deployer" {
  name                 = "deployer"
  permissions_boundary = var.boundary
}
