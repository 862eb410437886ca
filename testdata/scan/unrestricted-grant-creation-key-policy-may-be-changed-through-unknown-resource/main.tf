# The key policy lets the app role create grants with no condition, and
# enables IAM policies of the account for every action. The app role's
# IAM policy allows kms:PutKeyPolicy on a key ARN given by a variable
# without a value: it MAY be this key. If it is, the role controls the key
# policy and a grant gives it nothing more (TFKMS018 leaves key
# administrators out); if not, TFKMS018 applies. tfkms cannot tell, and
# does not guess: no TFKMS018 finding, and one TFKMS010 note for the
# unknown value, at the Resource where evaluation stopped.

provider "aws" {
  assume_role {
    role_arn = "arn:aws:iam::111122223333:role/deploy"
  }
}

variable "managed_key_arn" {
  type = string
}

resource "aws_iam_role" "app" {
  name = "app"
}

resource "aws_kms_key" "k" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "EnableIAM"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }, {
      Sid       = "App"
      Effect    = "Allow"
      Principal = { AWS = aws_iam_role.app.arn }
      Action    = ["kms:Decrypt", "kms:CreateGrant"]
      Resource  = "*"
    }]
  })
}

resource "aws_iam_role_policy" "app" {
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "ManageKeys", Effect = "Allow", Action = "kms:PutKeyPolicy", Resource = var.managed_key_arn }]
  })
}
