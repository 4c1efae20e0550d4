BeforeDiscovery {
    # Graphviz (Debian's graphviz, installed by .ci/run): without dot, the pictures cannot be laid out. Outside CI
    # those tests are skipped and counted; under CI=true they run and fail, saying dot is missing.
    $noDot = -not (Get-Command dot -CommandType Application -ErrorAction SilentlyContinue) -and $env:CI -ne 'true'
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function ConvertFrom-DotPicture {
        # The picture as Graphviz itself lays it out (dot -Tjson): nodes by name, edges with their ends' names.
        param([string] $Dot)
        $json = $Dot | & dot -Tjson | Out-String
        if ($LASTEXITCODE -ne 0) { throw "dot refused the picture: $json" }
        $picture = $json | ConvertFrom-Json
        $nodes = @($picture.objects | Where-Object { -not $_.name.StartsWith('cluster_') })
        $byGvid = @{}
        foreach ($object in $picture.objects) { $byGvid[[int]$object._gvid] = $object }
        [pscustomobject]@{
            Nodes = $nodes
            Edges = @($picture.edges | ForEach-Object {
                    [pscustomobject]@{ Id = $_.id; Color = $_.color; Label = $_.label
                        From = $byGvid[[int]$_.tail]; To = $byGvid[[int]$_.head] } })
        }
    }

    function Get-StatusColour([string] $Status) {
        switch -Wildcard ($Status) {
            'ACTIVE' { '#2e7d32' } 'DOWN' { '#757575' } 'ERROR' { '#c62828' }
            'PENDING_*' { '#ef6c00' } default { '#5c6bc0' }
        }
    }

    # Two embedded clouds of their own, joined by a pair, with connections in every status.
    $a = Connect-OpenStack -Embedded -ActivationDelaySec 0
    $b = Connect-OpenStack -Embedded -ActivationDelaySec 0
    $pair = New-IpsecSitePair -Name dr -Session $a -Router router1 -Subnet private-subnet `
        -PeerSession $b -PeerRouter member-router -PeerSubnet member-subnet
    foreach ($change in @('paging-conn-2', 'ERROR'), @('paging-conn-3', 'PENDING_UPDATE'), @('paging-conn-4', 'DOWN')) {
        $id = (Get-IpsecSiteConnection -Session $a -Name $change[0]).Id
        Set-EmbeddedOpenStackStatus -Session $a -Kind IpsecSiteConnection -Id $id -Status $change[1]
    }
    $connections = @(Get-IpsecSiteConnection -Session $a) + @(Get-IpsecSiteConnection -Session $b)
    $services = @(Get-VpnService -Session $a) + @(Get-VpnService -Session $b)
}

Describe 'Export-VpnDiagram draws what the API shows' {
    It 'the Dot picture, laid out by Graphviz, has each service with its address, each connection in its colour' -Skip:$noDot {
        $picture = ConvertFrom-DotPicture (Export-VpnDiagram -Session $a -PeerSession $b -Format Dot)
        foreach ($service in $services) {
            $node = @($picture.Nodes | Where-Object id -EQ $service.Id)
            $node.Count | Should -Be 1 -Because "service $($service.Name) is drawn once"
            $node[0].label | Should -Match ([regex]::Escape($service.ExternalV4Ip))
        }
        @($picture.Edges | Where-Object Id).Count | Should -Be $connections.Count -Because 'one line per connection'
        foreach ($connection in $connections) {
            $edge = @($picture.Edges | Where-Object Id -EQ $connection.Id)
            $edge.Count | Should -Be 1
            $edge[0].Color |
                Should -Be (Get-StatusColour $connection.Status) -Because "$($connection.Name) is $($connection.Status)"
            $edge[0].From.id | Should -Be $connection.VpnServiceId
        }
    }

    It 'a pair''s two clouds meet: each end''s connection ends at the other end''s service' -Skip:$noDot {
        $picture = ConvertFrom-DotPicture (Export-VpnDiagram -Session $a -PeerSession $b -Format Dot)
        $local = $picture.Edges | Where-Object Id -EQ $pair.Local.Connection.Id
        $peer = $picture.Edges | Where-Object Id -EQ $pair.Peer.Connection.Id
        $local.To.id | Should -Be $pair.Peer.VpnService.Id
        $peer.To.id | Should -Be $pair.Local.VpnService.Id
    }

    It 'the Mermaid text is a flowchart with balanced boxes, a coloured line per connection, a class per service' {
        $text = Export-VpnDiagram -Session $a -PeerSession $b -Format Mermaid
        $lines = $text -split "`n" | Where-Object { $_ }
        $lines[0] | Should -Be 'flowchart LR'
        @($lines | Where-Object { $_ -match '^\s*subgraph ' }).Count | Should -Be @($lines |
            Where-Object { $_ -match '^\s*end$' }).Count
        $links = @($lines | Where-Object { $_ -match '-->\|' })
        $links.Count | Should -Be $connections.Count
        $edges = @($lines | Where-Object { $_ -match '^\s*\S+ (-->\||-\.-)' })
        foreach ($connection in $connections) {
            $wanted = "\|`"$([regex]::Escape($connection.Name)) $($connection.Status)`"\|"
            $index = [array]::FindIndex([string[]]$edges, [Predicate[string]] { param($l) $l -match $wanted })
            $index | Should -BeGreaterOrEqual 0 -Because "$($connection.Name) has its line"
            $lines | Should -Contain "  linkStyle $index stroke:$(Get-StatusColour $connection.Status),stroke-width:2px"
        }
        foreach ($service in $services) {
            $address = [regex]::Escape($service.ExternalV4Ip)
            $node = "^\s*s_$($service.Id -replace '-', '_')\(`".*$address.*`"\):::active$"
            @($lines | Where-Object { $_ -match $node }).Count | Should -Be 1
        }
    }

    It 'writes SVG and PNG pictures with dot' -Skip:$noDot {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory $folder
        try {
            $svg = Export-VpnDiagram -Session $a -PeerSession $b -Format Svg -Path (Join-Path $folder 'estate.svg')
            ([xml](Get-Content $svg.FullName -Raw)).svg | Should -Not -BeNullOrEmpty
            $png = Export-VpnDiagram -Session $a -Format Png -Path (Join-Path $folder 'estate.png')
            [System.IO.File]::ReadAllBytes($png.FullName)[0..3] | Should -Be @(0x89, 0x50, 0x4E, 0x47)
        }
        finally { Remove-Item $folder -Recurse -Force }
    }

    It 'says Graphviz is missing, and sends nothing, when dot is not on PATH' {
        $path = $env:PATH
        $before = @(Get-EmbeddedOpenStackRequest -Session $a).Count
        try {
            $env:PATH = ''
            $failure = Get-ErrorRecord { Export-VpnDiagram -Session $a -Format Svg -Path ./never.svg }
        }
        finally { $env:PATH = $path }
        $failure.FullyQualifiedErrorId | Should -Match '^GraphvizMissing'
        "$failure" | Should -Match 'apt-get install graphviz'
        @(Get-EmbeddedOpenStackRequest -Session $a).Count | Should -Be $before
        Test-Path ./never.svg | Should -BeFalse
    }
}

Describe 'Export-VpnDiagram with 1,000 connections' {
    BeforeAll { $fleet = Connect-OpenStack -Embedded -SeedConnections 1000 -ActivationDelaySec 0 }

    It 'draws every connection, and Graphviz lays the picture out' -Skip:$noDot {
        $count = @(Get-IpsecSiteConnection -Session $fleet).Count
        $count | Should -BeGreaterOrEqual 1000
        $picture = ConvertFrom-DotPicture (Export-VpnDiagram -Session $fleet -Format Dot)
        @($picture.Edges | Where-Object Id).Count | Should -Be $count
    }

    It '-GroupBy Status draws the ACTIVE connections of each service as one node and keeps the others' -Skip:$noDot {
        $down = Get-IpsecSiteConnection -Session $fleet -Name fleet-conn-000500
        Set-EmbeddedOpenStackStatus -Session $fleet -Kind IpsecSiteConnection -Id $down.Id -Status DOWN
        $picture = ConvertFrom-DotPicture (Export-VpnDiagram -Session $fleet -Format Dot -GroupBy Status)
        $picture.Nodes.Count | Should -BeLessThan 100
        @($picture.Edges | Where-Object Id -EQ $down.Id).Color | Should -Be '#757575'
        $summed = ($picture.Edges | Where-Object { $_.Label -match '^(\d+) connections' } |
            ForEach-Object { [int]($_.Label -replace ' .*') } |
                Measure-Object -Sum).Sum
        $summed | Should -Be (@(Get-IpsecSiteConnection -Session $fleet -Status ACTIVE).Count)
    }
}
