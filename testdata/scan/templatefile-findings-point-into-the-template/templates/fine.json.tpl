{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageAliases",
      "Effect": "Allow",
      "Action": ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
      "Resource": "arn:aws:kms:eu-west-1:${account}:alias/team-build-*"
    },
    {
      "Sid": "UseByExactAlias",
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:eu-west-1:${account}:key/*",
      "Condition": {
        "StringEquals": {
          "kms:RequestAlias": "alias/team-orders"
        }
      }
    }
  ]
}
